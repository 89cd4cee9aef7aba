import type { UsageData } from "@/lib/queries/usage";
import type { ChartBar } from "./bar-chart";

const DAY_MS = 24 * 60 * 60 * 1000;
const dayLabel = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

// Events accepted per UTC day across the sources the member can see, oldest first, days without events as 0.
export function dailyBars(perDay: UsageData["eventsPerDay"], days: number, now = new Date()): ChartBar[] {
  const totals = new Map<string, number>();
  for (const d of perDay) totals.set(d.day, (totals.get(d.day) ?? 0) + d.events);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10);
    return { key: day, label: dayLabel.format(new Date(`${day}T00:00:00Z`)), value: totals.get(day) ?? 0 };
  });
}
