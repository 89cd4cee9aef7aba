"use client";

import { useId, useState, type FormEvent } from "react";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass, TextField } from "@/components/ui/field";
import { PlusIcon } from "@/components/ui/icons";
import { ApiError } from "@/lib/client/api-fetch";
import type { Filter, FilterDraft } from "@/lib/queries/destinations";
import type { FilterAction } from "@/pipeline/filters/filter-schema";

type ActionType = FilterAction["type"];
type FieldGroup = "properties" | "traits" | "context";
const GROUPS: FieldGroup[] = ["properties", "traits", "context"];

export const ACTION_LABELS: Record<ActionType, string> = {
  DROP: "Drop matching events",
  ONLY_SEND: "Only send matching events",
  SAMPLE: "Sample matching events",
  DROP_PROPERTIES: "Drop fields from matching events",
  ALLOW_PROPERTIES: "Allow only these fields on matching events",
};

// "Only send matching events", "Sample 10%", "Drop properties.email, context.ip".
export function describeAction(a: FilterAction): string {
  if (a.type === "SAMPLE") return `Sample ${a.percent}%`;
  if (a.type === "DROP_PROPERTIES" || a.type === "ALLOW_PROPERTIES") {
    const fields = GROUPS.flatMap((g) => (a.fields[g] ?? []).map((f) => `${g}.${f}`));
    return `${a.type === "DROP_PROPERTIES" ? "Drop" : "Allow only"} ${fields.join(", ") || "no fields"}`;
  }
  return ACTION_LABELS[a.type];
}

// The action being edited: field lists as comma-separated text until saved.
type ActionDraft = { type: ActionType; percent: string; fields: Record<FieldGroup, string> };

function toDraft(a: FilterAction): ActionDraft {
  return {
    type: a.type,
    percent: a.type === "SAMPLE" ? String(a.percent) : "10",
    fields: Object.fromEntries(
      GROUPS.map((g) => [g, a.type === "DROP_PROPERTIES" || a.type === "ALLOW_PROPERTIES" ? (a.fields[g] ?? []).join(", ") : ""]),
    ) as Record<FieldGroup, string>,
  };
}

function fromDraft(a: ActionDraft): FilterAction {
  if (a.type === "SAMPLE") return { type: "SAMPLE", percent: Number(a.percent) };
  if (a.type === "DROP_PROPERTIES" || a.type === "ALLOW_PROPERTIES") {
    const fields: Partial<Record<FieldGroup, string[]>> = {};
    for (const g of GROUPS) {
      const list = a.fields[g].split(",").map((s) => s.trim()).filter(Boolean);
      if (list.length) fields[g] = list;
    }
    return { type: a.type, fields };
  }
  return { type: a.type };
}

const EXAMPLES = ['event = "Order Completed"', 'type = "track" and properties.total > 100', 'match(context.page.path, "/checkout/*")'];

// Add or edit one filter of a connection. The condition is checked by the server; when it does not parse, the
// server's message (with the position) shows under the field.
export function FilterEditor({
  initial,
  pending,
  error,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial?: Filter;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (f: FilterDraft) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(initial?.name ?? "");
  const [condition, setCondition] = useState(initial?.if ?? "");
  const [enabled, setEnabled] = useState(initial?.enabled ?? true);
  const [actions, setActions] = useState<ActionDraft[]>(() => (initial?.actions ?? [{ type: "ONLY_SEND" } as FilterAction]).map(toDraft));
  const conditionId = useId();

  const details = error instanceof ApiError ? error.details ?? [] : [];
  const conditionError = details.find((d) => d.path === "if")?.message;
  const actionError = details.find((d) => d.path.startsWith("actions"))?.message;
  const nameError = details.find((d) => d.path === "name")?.message;
  const otherError = !conditionError && !actionError && !nameError ? error : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit({ name: name.trim() || "Filter", if: condition, enabled, actions: actions.map(fromDraft), position: initial?.position });
  }
  const update = (i: number, patch: Partial<ActionDraft>) => setActions((as) => as.map((a, j) => (j === i ? { ...a, ...patch } : a)));

  return (
    <form onSubmit={submit} className="space-y-4 rounded-lg border border-neutral-200 bg-neutral-50/70 p-4" aria-label={initial ? `Edit filter ${initial.name}` : "New filter"} noValidate>
      <TextField label="Filter name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Only orders" maxLength={100} error={nameError} />
      <div className="space-y-1.5">
        <label htmlFor={conditionId} className="block text-sm font-medium text-neutral-800">
          Condition (FQL)
        </label>
        <textarea
          id={conditionId}
          value={condition}
          onChange={(e) => setCondition(e.target.value)}
          rows={2}
          spellCheck={false}
          aria-invalid={conditionError ? true : undefined}
          aria-describedby={`${conditionId}-hint${conditionError ? ` ${conditionId}-error` : ""}`}
          placeholder='event = "Order Completed"'
          className={cn(inputClass, "font-mono text-xs", conditionError && "ring-red-400")}
        />
        {conditionError && (
          <p id={`${conditionId}-error`} role="alert" className="text-xs text-red-600">
            {conditionError}
          </p>
        )}
        <p id={`${conditionId}-hint`} className="text-xs text-neutral-500">
          Operators = != &gt; &gt;= &lt; &lt;= in […], and, or, !; functions contains, length, lowercase, match. For example{" "}
          {EXAMPLES.map((x, i) => (
            <span key={x}>
              <button type="button" onClick={() => setCondition(x)} className="font-mono text-neutral-700 underline decoration-dotted underline-offset-2 hover:text-neutral-900">
                {x}
              </button>
              {i < EXAMPLES.length - 1 ? ", " : "."}
            </span>
          ))}
        </p>
      </div>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-neutral-800">Actions</legend>
        <p className="text-xs text-neutral-500">Applied to events that match the condition, in the order sample, drop, drop fields, allow fields.</p>
        {actions.map((a, i) => (
          <div key={i} className="space-y-2 rounded-md border border-neutral-200 bg-white p-3">
            <div className="flex flex-wrap items-center gap-2">
              <select
                aria-label={`Action ${i + 1}`}
                value={a.type}
                onChange={(e) => update(i, { type: e.target.value as ActionType })}
                className={cn(inputClass, "w-auto flex-1")}
              >
                {(Object.keys(ACTION_LABELS) as ActionType[]).map((t) => (
                  <option key={t} value={t}>
                    {ACTION_LABELS[t]}
                  </option>
                ))}
              </select>
              {a.type === "SAMPLE" && (
                <label className="flex items-center gap-1.5 text-sm text-neutral-700">
                  <input
                    type="number"
                    min={0}
                    max={100}
                    step="any"
                    value={a.percent}
                    onChange={(e) => update(i, { percent: e.target.value })}
                    aria-label={`Action ${i + 1} sample percent`}
                    className={cn(inputClass, "w-20")}
                  />
                  %
                </label>
              )}
              {actions.length > 1 && (
                <Button variant="ghost" size="sm" onClick={() => setActions((as) => as.filter((_, j) => j !== i))} aria-label={`Remove action ${i + 1}`}>
                  Remove
                </Button>
              )}
            </div>
            {(a.type === "DROP_PROPERTIES" || a.type === "ALLOW_PROPERTIES") && (
              <div className="grid gap-2 sm:grid-cols-3">
                {GROUPS.map((g) => (
                  <label key={g} className="space-y-1 text-xs text-neutral-600">
                    <span className="font-mono">{g}</span>
                    <input
                      value={a.fields[g]}
                      onChange={(e) => update(i, { fields: { ...a.fields, [g]: e.target.value } })}
                      placeholder={g === "properties" ? "email, phone" : g === "context" ? "ip" : "address"}
                      aria-label={`Action ${i + 1} ${g} fields`}
                      className={cn(inputClass, "font-mono text-xs")}
                    />
                  </label>
                ))}
                <p className="text-xs text-neutral-500 sm:col-span-3">Comma-separated field names (dot paths for nested fields).</p>
              </div>
            )}
          </div>
        ))}
        {actionError && <p className="text-xs text-red-600">{actionError}</p>}
        {actions.length < 10 && (
          <Button variant="secondary" size="sm" onClick={() => setActions((as) => [...as, toDraft({ type: "DROP" })])}>
            <PlusIcon className="size-3.5" />
            Add action
          </Button>
        )}
      </fieldset>

      <label className="flex items-center gap-2 text-sm text-neutral-800">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} className="size-4 rounded border-neutral-300" />
        Filter enabled
      </label>
      <ErrorMessage error={otherError} />
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
