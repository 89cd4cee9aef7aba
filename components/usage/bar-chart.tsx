import { formatNumber } from "@/components/workspace/format";

export type ChartBar = { key: string; label: string; value: number };

// A small bar chart drawn with CSS: one bar per entry, scaled to the largest value. Each bar is a list item named
// "<label>: <n> events", so the numbers are there for screen readers and on hover.
export function BarChart({ bars, label, unit = "events", height = "h-32", ticks = 3 }: {
  bars: ChartBar[];
  label: string;
  unit?: string;
  height?: string;
  ticks?: number;
}) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const tickIndexes = new Set(Array.from({ length: ticks }, (_, i) => Math.round((i * (bars.length - 1)) / Math.max(1, ticks - 1))));
  return (
    <figure aria-label={label} className="w-full">
      <div className="flex items-stretch gap-2">
        <div className="flex flex-col justify-between text-right text-[11px] text-neutral-400 tabular-nums" aria-hidden="true">
          <span>{formatNumber(max)}</span>
          <span>0</span>
        </div>
        <ul className={`flex flex-1 items-end gap-px border-b border-l border-neutral-200 ${height}`}>
          {bars.map((b) => {
            const text = `${b.label}: ${formatNumber(b.value)} ${b.value === 1 ? unit.replace(/s$/, "") : unit}`;
            return (
              <li key={b.key} aria-label={text} title={text} className="group flex h-full flex-1 flex-col justify-end">
                <div
                  className={b.value > 0 ? "rounded-t-sm bg-neutral-800 group-hover:bg-lime-600" : "h-px bg-neutral-100"}
                  style={b.value > 0 ? { height: `${Math.max(2, (b.value / max) * 100)}%` } : undefined}
                />
              </li>
            );
          })}
        </ul>
      </div>
      <div className="mt-1.5 flex justify-between pl-6 text-[11px] text-neutral-400" aria-hidden="true">
        {bars.map((b, i) => (tickIndexes.has(i) ? <span key={b.key}>{b.label}</span> : null))}
      </div>
    </figure>
  );
}
