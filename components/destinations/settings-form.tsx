"use client";

import { useId, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass, SelectField, TextField } from "@/components/ui/field";
import { PlusIcon } from "@/components/ui/icons";
import { ApiError } from "@/lib/client/api-fetch";
import type { DestinationType } from "@/lib/queries/destinations";

// The stored value of a secret comes back as this mask; sending it back keeps the stored value.
export const MASK = "••••••••";

type JsonSchema = {
  type?: string;
  title?: string;
  description?: string;
  enum?: string[];
  default?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  additionalProperties?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
};

type Pair = { key: string; value: string; masked: boolean };
// One draft value per setting: text for inputs, pairs for key/value objects, a flag for booleans, and for a
// stored secret whether the user chose to replace it or to clear it (optional secrets only).
type Draft = Record<string, { text: string; pairs: Pair[]; checked: boolean; replacing: boolean; clearing: boolean }>;

function fieldsOf(type: DestinationType) {
  const schema = type.settingsSchema as JsonSchema;
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({
    name,
    schema: s,
    required: (schema.required ?? []).includes(name),
    secret: type.secretFields.includes(name),
  }));
}

function humanize(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function initialDraft(type: DestinationType, settings?: Record<string, unknown>): Draft {
  const draft: Draft = {};
  for (const f of fieldsOf(type)) {
    const v = settings ? settings[f.name] : f.schema.default;
    const isObject = f.schema.type === "object";
    draft[f.name] = {
      text: isObject || v === undefined || v === null ? "" : String(v),
      pairs:
        isObject && v && typeof v === "object"
          ? Object.entries(v as Record<string, unknown>).map(([key, value]) => ({ key, value: value === MASK ? "" : String(value), masked: value === MASK }))
          : [],
      checked: v === true,
      replacing: false,
      clearing: false,
    };
  }
  return draft;
}

// Draft back to settings. Empty optional fields are left out (the schema's default applies); a stored secret
// that was not replaced is sent as the mask, so the server keeps it; one the user cleared is sent as null.
function toSettings(type: DestinationType, draft: Draft, stored?: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fieldsOf(type)) {
    const d = draft[f.name];
    const storedSecret = f.secret && stored?.[f.name] === MASK;
    if (f.schema.type === "object") {
      out[f.name] = Object.fromEntries(d.pairs.filter((p) => p.key.trim()).map((p) => [p.key.trim(), p.masked ? MASK : p.value]));
    } else if (f.schema.type === "boolean") {
      out[f.name] = d.checked;
    } else if (storedSecret && d.clearing) {
      out[f.name] = null;
    } else if (storedSecret && !d.replacing) {
      out[f.name] = MASK;
    } else if (d.text.trim() === "") {
      continue;
    } else if (f.schema.type === "integer" || f.schema.type === "number") {
      out[f.name] = Number(d.text);
    } else {
      out[f.name] = d.text.trim();
    }
  }
  return out;
}

// The server names a bad setting by its path, with or without the "settings." prefix.
function errorFor(error: unknown, name: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const d = error.details?.find((x) => x.path === name || x.path === `settings.${name}` || x.path.startsWith(`${name}.`));
  return d?.message;
}

export function settingsErrorHandled(error: unknown, type: DestinationType): boolean {
  return fieldsOf(type).some((f) => errorFor(error, f.name));
}

// A form generated from the type's settings schema (JSON Schema from the catalog, with titles and descriptions).
export function SettingsForm({
  type,
  settings,
  error,
  pending,
  submitLabel,
  onSubmit,
  before,
  footer,
}: {
  type: DestinationType;
  // Current (masked) settings when editing; the schema's defaults when adding.
  settings?: Record<string, unknown>;
  error: unknown;
  pending: boolean;
  submitLabel: string;
  onSubmit: (settings: Record<string, unknown>, form: FormData) => void;
  before?: ReactNode;
  footer?: ReactNode;
}) {
  const [draft, setDraft] = useState<Draft>(() => initialDraft(type, settings));
  const set = (name: string, patch: Partial<Draft[string]>) => setDraft((d) => ({ ...d, [name]: { ...d[name], ...patch } }));

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    onSubmit(toSettings(type, draft, settings), new FormData(e.currentTarget));
  }

  return (
    <form onSubmit={submit} className="space-y-5" noValidate>
      {before}
      {fieldsOf(type).map((f) => {
        const label = f.schema.title ?? humanize(f.name);
        const hint = f.schema.description;
        const err = errorFor(error, f.name);
        const d = draft[f.name];
        const storedSecret = f.secret && settings?.[f.name] === MASK;
        if (f.schema.type === "object") {
          return <PairsField key={f.name} label={label} hint={hint} error={err} pairs={d.pairs} onChange={(pairs) => set(f.name, { pairs })} />;
        }
        if (f.schema.type === "boolean") {
          return (
            <label key={f.name} className="flex items-center gap-2 text-sm text-neutral-800">
              <input type="checkbox" checked={d.checked} onChange={(e) => set(f.name, { checked: e.target.checked })} className="size-4 rounded border-neutral-300" />
              {label}
            </label>
          );
        }
        if (f.schema.enum) {
          return (
            <SelectField key={f.name} label={label} hint={hint} error={err} value={d.text} onChange={(e) => set(f.name, { text: e.target.value })}>
              {f.schema.enum.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </SelectField>
          );
        }
        if (storedSecret && !d.replacing) {
          return (
            <StoredSecret
              key={f.name}
              label={label}
              hint={hint}
              error={err}
              cleared={d.clearing}
              onReplace={() => set(f.name, { replacing: true, clearing: false, text: "" })}
              onClear={f.required ? undefined : () => set(f.name, { clearing: true })}
              onKeep={() => set(f.name, { clearing: false })}
            />
          );
        }
        const numeric = f.schema.type === "integer" || f.schema.type === "number";
        return (
          <div key={f.name} className="space-y-1.5">
            <TextField
              label={f.required ? label : `${label} (optional)`}
              hint={hint}
              error={err}
              type={f.secret ? "password" : numeric ? "number" : f.schema.format === "uri" ? "url" : "text"}
              inputMode={numeric ? "numeric" : undefined}
              min={f.schema.minimum}
              max={f.schema.maximum}
              maxLength={f.schema.maxLength}
              autoComplete={f.secret ? "new-password" : "off"}
              placeholder={f.schema.format === "uri" ? "https://example.com/hooks/switchyard" : f.schema.default !== undefined ? String(f.schema.default) : undefined}
              value={d.text}
              onChange={(e) => set(f.name, { text: e.target.value })}
              required={f.required}
            />
            {storedSecret && (
              <Button variant="ghost" size="sm" onClick={() => set(f.name, { replacing: false, text: "" })}>
                Keep the stored {label.toLowerCase()}
              </Button>
            )}
          </div>
        );
      })}
      {footer}
      <div className="flex justify-end">
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

function StoredSecret({
  label,
  hint,
  error,
  cleared,
  onReplace,
  onClear,
  onKeep,
}: {
  label: string;
  hint?: string;
  error?: string;
  cleared: boolean;
  onReplace: () => void;
  // Optional secrets only: removes the stored value when the form is saved.
  onClear?: () => void;
  onKeep: () => void;
}) {
  const id = useId();
  return (
    <div className="space-y-1.5" role="group" aria-labelledby={id}>
      <p id={id} className="text-sm font-medium text-neutral-800">
        {label}
      </p>
      <div className="flex items-center gap-3">
        <span className="rounded-md bg-neutral-100 px-2.5 py-1.5 font-mono text-xs whitespace-nowrap text-neutral-600">
          {cleared ? "Cleared when you save" : "•••• set"}
        </span>
        <Button variant="secondary" size="sm" onClick={onReplace} aria-label={`Replace ${label.toLowerCase()}`}>
          Replace
        </Button>
        {cleared ? (
          <Button variant="ghost" size="sm" onClick={onKeep} aria-label={`Keep the stored ${label.toLowerCase()}`}>
            Keep
          </Button>
        ) : (
          onClear && (
            <Button variant="ghost" size="sm" onClick={onClear} aria-label={`Clear ${label.toLowerCase()}`}>
              Clear
            </Button>
          )
        )}
      </div>
      {hint && <p className="text-xs text-neutral-500">{hint}</p>}
      {error && <p className="text-xs text-red-600">{error}</p>}
    </div>
  );
}

// Key/value rows (headers). A stored value shows "•••• set" until replaced; removing a row removes the key.
function PairsField({ label, hint, error, pairs, onChange }: { label: string; hint?: string; error?: string; pairs: Pair[]; onChange: (p: Pair[]) => void }) {
  const id = useId();
  const singular = label.replace(/s$/, "").toLowerCase();
  const update = (i: number, patch: Partial<Pair>) => onChange(pairs.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <fieldset className="space-y-2" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend className="text-sm font-medium text-neutral-800">{label}</legend>
      {pairs.length === 0 && <p className="text-xs text-neutral-500">None.</p>}
      {pairs.map((p, i) => (
        <div key={i} className="flex items-center gap-2">
          <input
            aria-label={`${label} ${i + 1} name`}
            value={p.key}
            onChange={(e) => update(i, { key: e.target.value })}
            placeholder="Authorization"
            className={cn(inputClass, "w-48 font-mono text-xs")}
          />
          {p.masked ? (
            <div className="flex flex-1 items-center gap-2">
              <span className="rounded-md bg-neutral-100 px-2.5 py-1.5 font-mono text-xs whitespace-nowrap text-neutral-600">•••• set</span>
              <Button variant="secondary" size="sm" onClick={() => update(i, { masked: false, value: "" })} aria-label={`Replace value of ${p.key || `${singular} ${i + 1}`}`}>
                Replace
              </Button>
            </div>
          ) : (
            <input
              aria-label={`${label} ${i + 1} value`}
              type="password"
              autoComplete="new-password"
              value={p.value}
              onChange={(e) => update(i, { value: e.target.value })}
              placeholder="Bearer …"
              className={cn(inputClass, "flex-1 font-mono text-xs")}
            />
          )}
          <Button variant="ghost" size="sm" onClick={() => onChange(pairs.filter((_, j) => j !== i))} aria-label={`Remove ${singular} ${p.key || i + 1}`}>
            Remove
          </Button>
        </div>
      ))}
      <Button variant="secondary" size="sm" onClick={() => onChange([...pairs, { key: "", value: "", masked: false }])}>
        <PlusIcon className="size-3.5" />
        Add {singular}
      </Button>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-neutral-500">
          {hint}
        </p>
      )}
      {error && <p className="text-xs text-red-600">{error}</p>}
    </fieldset>
  );
}
