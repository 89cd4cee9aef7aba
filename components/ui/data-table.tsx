import type { ReactNode } from "react";
import { cn } from "./cn";
import { ErrorMessage } from "./alert";

// Class of a body cell; header cells come from `columns`.
export const cellClass = "px-5 py-3 align-middle";

export type Column = { label: string; align?: "right"; srOnly?: boolean };

// A card-width table with one header row. `false` in `columns` leaves a column out (e.g. actions for readers).
export function DataTable({ label, columns, children }: { label: string; columns: (Column | false)[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" aria-label={label}>
        <thead className="border-b border-neutral-200 bg-neutral-50/60">
          <tr>
            {columns.filter((c): c is Column => c !== false).map((c) => (
              <th key={c.label} className={cn("px-5 py-2.5 text-xs font-medium text-neutral-500", c.align === "right" ? "text-right" : "text-left")}>
                {c.srOnly ? <span className="sr-only">{c.label}</span> : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-100">{children}</tbody>
      </table>
    </div>
  );
}

// An error about one row, shown under it across the table.
export function RowError({ error, colSpan }: { error: unknown; colSpan: number }) {
  if (!error) return null;
  return (
    <tr>
      <td colSpan={colSpan} className="px-5 pb-3">
        <ErrorMessage error={error} />
      </td>
    </tr>
  );
}
