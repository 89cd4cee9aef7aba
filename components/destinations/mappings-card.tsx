"use client";

import { useId, useState, type FormEvent } from "react";
import { ErrorMessage } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClass, TextField } from "@/components/ui/field";
import { ListIcon, PlusIcon } from "@/components/ui/icons";
import { ApiError } from "@/lib/client/api-fetch";
import {
  useDeleteMapping,
  useSaveMapping,
  type DestinationDetail,
  type DestinationType,
  type Mapping,
  type MappingDraft,
} from "@/lib/queries/destinations";
import type { FieldMapping, MappingTrigger } from "@/pipeline/mappings/mapping-schema";

const EVENT_TYPES = ["track", "identify", "page", "screen", "group", "alias"] as const;
type EventType = (typeof EVENT_TYPES)[number];
type SourceKind = "path" | "literal" | "template";
type FieldDraft = { to: string; kind: SourceKind; value: string };

function describeTrigger(t: MappingTrigger): string {
  const parts: string[] = [];
  if (t.types?.length) parts.push(t.types.join(" or "));
  if (t.events?.length) parts.push(`event ${t.events.map((e) => `"${e}"`).join(" or ")}`);
  if (t.if) parts.push(`if ${t.if}`);
  return parts.length ? parts.join(", ") : "Every event";
}

function describeSource(f: FieldMapping["from"]): string {
  if ("path" in f) return f.path === "" ? "the whole event" : f.path;
  if ("literal" in f) return JSON.stringify(f.literal);
  return `“${f.template}”`;
}

// A stored mapping equal to one of the type's defaults (seeded when the destination was created).
function isDefault(m: Mapping, type: DestinationType | undefined): boolean {
  return Boolean(type?.defaultMappings.some((d) => d.name === m.name && JSON.stringify(d.fields) === JSON.stringify(m.fields)));
}

export function MappingsCard({ workspaceId, destination, type, canWrite }: { workspaceId: string; destination: DestinationDetail; type?: DestinationType; canWrite: boolean }) {
  const save = useSaveMapping(workspaceId, destination.id);
  const [adding, setAdding] = useState(false);
  return (
    <Card>
      <CardHeader
        title="Mappings"
        description="When an event matches a mapping's trigger, its field mappings build the payload sent. Each matching mapping sends one request."
        actions={
          canWrite &&
          !adding && (
            <Button variant="secondary" size="sm" onClick={() => { save.reset(); setAdding(true); }}>
              <PlusIcon className="size-3.5" />
              Add mapping
            </Button>
          )
        }
      />
      {destination.mappings.length === 0 && !adding ? (
        <EmptyState icon={<ListIcon className="size-5" />} title="No mappings" description="Without a mapping nothing is sent. Add one, e.g. the whole event to the body." />
      ) : (
        <ul className="divide-y divide-neutral-100" aria-label="Mappings">
          {destination.mappings.map((m) => (
            <MappingRow key={m.id} workspaceId={workspaceId} destinationId={destination.id} mapping={m} isDefault={isDefault(m, type)} canWrite={canWrite} />
          ))}
        </ul>
      )}
      {adding && (
        <div className="border-t border-neutral-200 p-5">
          <MappingEditor
            pending={save.isPending}
            error={save.error}
            onCancel={() => setAdding(false)}
            onSubmit={(mapping) => save.mutate({ mapping }, { onSuccess: () => setAdding(false) })}
          />
        </div>
      )}
    </Card>
  );
}

function MappingRow({ workspaceId, destinationId, mapping, isDefault, canWrite }: { workspaceId: string; destinationId: string; mapping: Mapping; isDefault: boolean; canWrite: boolean }) {
  const save = useSaveMapping(workspaceId, destinationId);
  const remove = useDeleteMapping(workspaceId, destinationId);
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <li className="p-5">
        <MappingEditor
          initial={mapping}
          pending={save.isPending}
          error={save.error}
          onCancel={() => setEditing(false)}
          onSubmit={(m) => save.mutate({ mappingId: mapping.id, mapping: m }, { onSuccess: () => setEditing(false) })}
        />
      </li>
    );
  }
  return (
    <li aria-label={`Mapping ${mapping.name}`} className="px-5 py-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1.5">
          <p className="flex items-center gap-2 text-sm font-medium text-neutral-900">
            {mapping.name}
            {isDefault ? <Badge tone="violet">Default</Badge> : <Badge tone="teal">Custom</Badge>}
            {!mapping.enabled && <Badge>Disabled</Badge>}
          </p>
          <p className="text-xs text-neutral-600">
            <span className="text-neutral-400">When </span>
            <span className="font-mono">{describeTrigger(mapping.trigger)}</span>
          </p>
          <ul className="space-y-0.5 font-mono text-xs text-neutral-700">
            {mapping.fields.map((f, i) => (
              <li key={i}>
                {describeSource(f.from)} <span className="text-neutral-400">→</span> {f.to === "" ? "body" : f.to}
              </li>
            ))}
          </ul>
        </div>
        {canWrite && (
          <div className="flex items-center gap-1">
            <Button variant="secondary" size="sm" onClick={() => { save.reset(); setEditing(true); }} aria-label={`Edit mapping ${mapping.name}`}>
              Edit
            </Button>
            <Button variant="danger" size="sm" loading={remove.isPending} onClick={() => remove.mutate(mapping.id)} aria-label={`Delete mapping ${mapping.name}`}>
              Delete
            </Button>
          </div>
        )}
      </div>
      <ErrorMessage error={remove.error} className="mt-2" />
    </li>
  );
}

function toFieldDraft(f: FieldMapping): FieldDraft {
  if ("path" in f.from) return { to: f.to, kind: "path", value: f.from.path };
  if ("literal" in f.from) return { to: f.to, kind: "literal", value: JSON.stringify(f.from.literal) };
  return { to: f.to, kind: "template", value: f.from.template };
}

// A literal is JSON when it parses (numbers, true, {"a":1}), a string otherwise.
function fromFieldDraft(f: FieldDraft): FieldMapping {
  if (f.kind === "path") return { to: f.to.trim(), from: { path: f.value.trim() } };
  if (f.kind === "template") return { to: f.to.trim(), from: { template: f.value } };
  let literal: unknown;
  try {
    literal = JSON.parse(f.value);
  } catch {
    literal = f.value;
  }
  return { to: f.to.trim(), from: { literal: literal as never } };
}

function MappingEditor({
  initial,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial?: Mapping;
  pending: boolean;
  error: unknown;
  onSubmit: (m: MappingDraft) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(initial?.name ?? "");
  const [enabled, setEnabled] = useState(initial?.enabled ?? true);
  const [types, setTypes] = useState<EventType[]>((initial?.trigger.types as EventType[] | undefined) ?? []);
  const [events, setEvents] = useState((initial?.trigger.events ?? []).join(", "));
  const [condition, setCondition] = useState(initial?.trigger.if ?? "");
  const [fields, setFields] = useState<FieldDraft[]>(() => (initial?.fields ?? [{ to: "", from: { path: "" } }]).map(toFieldDraft));
  const condId = useId();

  const details = error instanceof ApiError ? error.details ?? [] : [];
  const conditionError = details.find((d) => d.path === "trigger.if")?.message;
  const nameError = details.find((d) => d.path === "name")?.message;
  const fieldError = (i: number) => details.find((d) => d.path.startsWith(`fields.${i}.`))?.message;
  const handled = conditionError || nameError || details.some((d) => d.path.startsWith("fields."));

  function submit(e: FormEvent) {
    e.preventDefault();
    const eventList = events.split(",").map((s) => s.trim()).filter(Boolean);
    onSubmit({
      name: name.trim(),
      enabled,
      position: initial?.position,
      trigger: { ...(types.length ? { types } : {}), ...(eventList.length ? { events: eventList } : {}), ...(condition.trim() ? { if: condition.trim() } : {}) },
      fields: fields.map(fromFieldDraft),
    });
  }
  const update = (i: number, patch: Partial<FieldDraft>) => setFields((fs) => fs.map((f, j) => (j === i ? { ...f, ...patch } : f)));

  return (
    <form onSubmit={submit} className="space-y-4" aria-label={initial ? `Edit mapping ${initial.name}` : "New mapping"} noValidate>
      <TextField label="Mapping name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="Orders to the order endpoint" error={nameError} />
      <fieldset className="space-y-3 rounded-md border border-neutral-200 p-3">
        <legend className="px-1 text-sm font-medium text-neutral-800">Trigger</legend>
        <div role="group" aria-label="Event types" className="flex flex-wrap gap-3">
          {EVENT_TYPES.map((t) => (
            <label key={t} className="flex items-center gap-1.5 text-sm text-neutral-700">
              <input
                type="checkbox"
                checked={types.includes(t)}
                onChange={(e) => setTypes((ts) => (e.target.checked ? [...ts, t] : ts.filter((x) => x !== t)))}
                className="size-4 rounded border-neutral-300"
              />
              {t}
            </label>
          ))}
          <span className="text-xs text-neutral-500">None checked: every type.</span>
        </div>
        <TextField label="Event names" hint="Comma-separated, exact and case-sensitive. Empty: any event." value={events} onChange={(e) => setEvents(e.target.value)} placeholder="Order Completed, Checkout Started" />
        <div className="space-y-1.5">
          <label htmlFor={condId} className="block text-sm font-medium text-neutral-800">
            Condition (FQL, optional)
          </label>
          <input
            id={condId}
            value={condition}
            onChange={(e) => setCondition(e.target.value)}
            spellCheck={false}
            placeholder="properties.total > 100"
            aria-invalid={conditionError ? true : undefined}
            aria-describedby={conditionError ? `${condId}-error` : undefined}
            className={cn(inputClass, "font-mono text-xs", conditionError && "ring-red-400")}
          />
          {conditionError && (
            <p id={`${condId}-error`} role="alert" className="text-xs text-red-600">
              {conditionError}
            </p>
          )}
        </div>
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-neutral-800">Field mappings</legend>
        <p className="text-xs text-neutral-500">
          From an event path (<span className="font-mono">properties.total</span>; empty: the whole event), a literal JSON value, or a template such as{" "}
          <span className="font-mono">{"Order {{properties.order_id}}"}</span>; to a dot path in the payload (empty: the whole body).
        </p>
        {fields.map((f, i) => (
          <div key={i} className="space-y-1">
            <div className="grid items-center gap-2 sm:grid-cols-[8rem_1fr_auto_1fr_auto]">
              <select aria-label={`Field ${i + 1} source kind`} value={f.kind} onChange={(e) => update(i, { kind: e.target.value as SourceKind })} className={inputClass}>
                <option value="path">Event path</option>
                <option value="literal">Literal</option>
                <option value="template">Template</option>
              </select>
              <input
                aria-label={`Field ${i + 1} source`}
                value={f.value}
                onChange={(e) => update(i, { value: e.target.value })}
                placeholder={f.kind === "path" ? "properties.total" : f.kind === "literal" ? '"USD"' : "Order {{properties.order_id}}"}
                className={cn(inputClass, "font-mono text-xs")}
              />
              <span className="text-center text-neutral-400" aria-hidden="true">
                →
              </span>
              <input
                aria-label={`Field ${i + 1} destination field`}
                value={f.to}
                onChange={(e) => update(i, { to: e.target.value })}
                placeholder="order.total"
                className={cn(inputClass, "font-mono text-xs")}
              />
              <Button variant="ghost" size="sm" disabled={fields.length === 1} onClick={() => setFields((fs) => fs.filter((_, j) => j !== i))} aria-label={`Remove field ${i + 1}`}>
                Remove
              </Button>
            </div>
            {fieldError(i) && <p className="text-xs text-red-600">{fieldError(i)}</p>}
          </div>
        ))}
        <Button variant="secondary" size="sm" onClick={() => setFields((fs) => [...fs, { to: "", kind: "path", value: "" }])}>
          <PlusIcon className="size-3.5" />
          Add field
        </Button>
      </fieldset>

      <label className="flex items-center gap-2 text-sm text-neutral-800">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} className="size-4 rounded border-neutral-300" />
        Mapping enabled
      </label>
      {!handled && <ErrorMessage error={error} />}
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={pending}>
          Save mapping
        </Button>
      </div>
    </form>
  );
}
