"use client";

import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { RequestSample } from "@/lib/queries/destinations";

// Small pieces the destination pages share. Everything user-provided is rendered as text.

export const CATEGORY_LABELS: Record<string, string> = { destination: "Destinations", warehouse: "Warehouses" };

export { cellClass as td } from "@/components/ui/data-table";

// A switch: a button with role="switch" named by `label`.
export function Toggle({ checked, onChange, label, disabled }: { checked: boolean; onChange: (v: boolean) => void; label: string; disabled?: boolean }) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      disabled={disabled}
      onClick={() => onChange(!checked)}
      className={cn(
        "relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-neutral-900 disabled:cursor-not-allowed disabled:opacity-50",
        checked ? "bg-emerald-600" : "bg-neutral-300",
      )}
    >
      <span className={cn("inline-block size-4 rounded-full bg-white shadow transition-transform", checked ? "translate-x-4.5" : "translate-x-0.5")} />
    </button>
  );
}

export function DestinationStatus({ enabled, connections }: { enabled: boolean; connections: number }) {
  if (!enabled) return <Badge>Disabled</Badge>;
  if (connections === 0) return <Badge tone="amber">No sources</Badge>;
  return <Badge tone="green">Enabled</Badge>;
}

// A square glyph per destination type, so the catalog and the lists read at a glance.
export function TypeGlyph({ type, className }: { type: string; className?: string }) {
  const warehouse = type === "postgres";
  return (
    <span
      aria-hidden="true"
      className={cn(
        "flex size-9 shrink-0 items-center justify-center rounded-lg text-xs font-bold ring-1 ring-inset",
        warehouse ? "bg-sky-50 text-sky-700 ring-sky-200" : "bg-lime-50 text-lime-800 ring-lime-200",
        className,
      )}
    >
      {warehouse ? (
        <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth={1.75}>
          <ellipse cx="12" cy="5.5" rx="7.5" ry="2.5" />
          <path d="M4.5 5.5v13c0 1.4 3.4 2.5 7.5 2.5s7.5-1.1 7.5-2.5v-13" />
          <path d="M4.5 12c0 1.4 3.4 2.5 7.5 2.5s7.5-1.1 7.5-2.5" />
        </svg>
      ) : (
        <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinecap="round">
          <path d="M9 15a3 3 0 1 1-3-5l2.5-4.5" />
          <path d="M12 4a3 3 0 0 1 2.6 4.5L17 13" />
          <path d="M18 20a3 3 0 1 1 0-6H9" />
        </svg>
      )}
    </span>
  );
}

// Preformatted text (JSON pretty-printed when it parses), scrollable, labelled for screen readers.
export function CodeBlock({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <pre
      aria-label={label}
      tabIndex={0}
      className={cn("max-h-72 overflow-auto rounded-md bg-neutral-950 p-3 font-mono text-xs leading-relaxed text-neutral-100", className)}
    >
      {pretty(value)}
    </pre>
  );
}

export function pretty(value: string): string {
  try {
    return JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    return value;
  }
}

// The request as it was (or would be) sent: method, URL, headers (secrets already redacted by the server), body.
export function RequestView({ request, label = "Request" }: { request: RequestSample; label?: string }) {
  return (
    <section aria-label={label} className="space-y-2">
      <p className="flex min-w-0 items-center gap-2 font-mono text-xs">
        <Badge tone="blue">{request.method}</Badge>
        <span className="truncate text-neutral-800" title={request.url}>
          {request.url}
        </span>
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md border border-neutral-200 bg-neutral-50 px-3 py-2 font-mono text-xs">
        {Object.entries(request.headers).map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-neutral-500">{k}</dt>
            <dd className="break-all text-neutral-800">{v}</dd>
          </div>
        ))}
      </dl>
      <CodeBlock label={`${label} body`} value={request.body} />
    </section>
  );
}

export function Stat({ label, value, hint, tone }: { label: string; value: ReactNode; hint?: ReactNode; tone?: "green" | "amber" | "red" | "neutral" }) {
  const dot = { green: "bg-emerald-500", amber: "bg-amber-500", red: "bg-red-500", neutral: "bg-neutral-400" }[tone ?? "neutral"];
  return (
    <div className="rounded-lg border border-neutral-200 bg-white px-4 py-3 shadow-xs" role="group" aria-label={label}>
      <p className="flex items-center gap-1.5 text-xs font-medium text-neutral-500">
        {tone && <span className={cn("size-2 rounded-full", dot)} aria-hidden="true" />}
        {label}
      </p>
      <p data-testid="stat-value" className="mt-1 text-2xl font-semibold tracking-tight text-neutral-900 tabular-nums">
        {value}
      </p>
      {hint && <p className="mt-0.5 text-xs text-neutral-500">{hint}</p>}
    </div>
  );
}

export const linkButtonClass =
  "inline-flex h-9 shrink-0 items-center gap-2 rounded-md bg-neutral-900 px-3.5 text-sm font-medium whitespace-nowrap text-white shadow-xs hover:bg-neutral-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-neutral-900";

export const secondaryLinkClass =
  "inline-flex h-8 shrink-0 items-center gap-1.5 rounded-md bg-white px-2.5 text-xs font-medium whitespace-nowrap text-neutral-800 shadow-xs ring-1 ring-inset ring-neutral-300 hover:bg-neutral-50";
