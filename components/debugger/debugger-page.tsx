"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { Alert, ErrorMessage } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClass } from "@/components/ui/field";
import { ListIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Loading } from "@/components/ui/spinner";
import { RequirePermission } from "@/components/workspace/require-permission";
import { KEY_PLACEHOLDER, snippetsFor } from "@/components/sources/snippets";
import type { DebuggerEvent } from "@/lib/debugger/debugger-event";
import { canOnSource, type Grant } from "@/lib/permissions/permissions";
import { useSource, useWriteKeys, type Source } from "@/lib/queries/sources";
import { curlForEvent } from "./curl-for-event";
import { matchesFilters, noFilters, type DebuggerFilters, type StreamStatus } from "./debugger-state";
import { useDebuggerStream } from "./use-debugger-stream";

type Props = { workspaceId: string; sourceId?: string; collectorUrl: string };

// The live debugger: every event a source (or the whole workspace) receives, accepted or refused, as it arrives.
export function DebuggerPage({ workspaceId, sourceId, collectorUrl }: Props) {
  return (
    <RequirePermission workspaceId={workspaceId} action="debugger.read">
      {({ grant }) =>
        sourceId ? (
          <SourceDebugger workspaceId={workspaceId} sourceId={sourceId} collectorUrl={collectorUrl} grant={grant} />
        ) : (
          <Debugger workspaceId={workspaceId} collectorUrl={collectorUrl} grant={grant} />
        )
      }
    </RequirePermission>
  );
}

function SourceDebugger({ workspaceId, sourceId, collectorUrl, grant }: Props & { sourceId: string; grant: Grant }) {
  const source = useSource(workspaceId, sourceId);
  if (source.isPending) return <Loading />;
  if (source.error) return <ErrorMessage error={source.error} />;
  return <Debugger workspaceId={workspaceId} sourceId={sourceId} source={source.data} collectorUrl={collectorUrl} grant={grant} />;
}

function Debugger({ workspaceId, sourceId, source: s, collectorUrl, grant }: Props & { source?: Source; grant: Grant }) {
  const writeKey = useReplayKey(workspaceId, s, grant);
  const stream = useDebuggerStream(workspaceId, sourceId);
  const [filters, setFilters] = useState<DebuggerFilters>(noFilters);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const shown = useMemo(() => stream.events.filter((e) => matchesFilters(e, filters)), [stream.events, filters]);
  const selected = stream.events.find((e) => e.id === selectedId) ?? null;
  const filtered = filters !== noFilters && Object.values(filters).some(Boolean);

  return (
    <>
      <PageHeader
        title={s ? `Debugger: ${s.name}` : "Debugger"}
        description={
          sourceId
            ? "Every event this source receives, as it arrives: accepted, or refused with the reason."
            : "Every event the workspace's sources receive, as it arrives: accepted, or refused with the reason."
        }
        actions={
          <>
            <StatusBadge status={stream.status} />
            {stream.paused ? (
              <Button onClick={stream.resume}>Resume{stream.held > 0 ? ` (${stream.held} new)` : ""}</Button>
            ) : (
              <Button variant="secondary" onClick={stream.pause}>
                Pause
              </Button>
            )}
            <Button variant="ghost" onClick={stream.clear}>
              Clear
            </Button>
          </>
        }
      />
      {stream.error && stream.status !== "live" && (
        <Alert tone={stream.status === "failed" ? "error" : "warning"} className="mb-4">
          {stream.error}
        </Alert>
      )}
      {stream.paused && (
        <p role="status" className="mb-3 text-sm text-amber-800">
          Paused: {stream.held} {stream.held === 1 ? "event" : "events"} arrived since. Resume to show them.
        </p>
      )}
      <Filters value={filters} onChange={setFilters} />
      <div className="mt-4 grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <Card className="min-w-0">
          {stream.events.length === 0 ? (
            <Empty source={s} collectorUrl={collectorUrl} writeKey={writeKey} workspaceId={workspaceId} />
          ) : shown.length === 0 ? (
            <EmptyState title="No events match the filters" description={filtered ? "Change or clear the filters to see more." : undefined} />
          ) : (
            <ul aria-label="Events" className="max-h-[70vh] divide-y divide-neutral-100 overflow-y-auto">
              {shown.map((e) => (
                <EventRow key={e.id} event={e} selected={e.id === selectedId} onSelect={() => setSelectedId(e.id)} />
              ))}
            </ul>
          )}
        </Card>
        {selected && (
          <EventDetail event={selected} workspaceId={workspaceId} collectorUrl={collectorUrl} writeKey={writeKey} onClose={() => setSelectedId(null)} />
        )}
      </div>
    </>
  );
}

// The key a replay (and the empty state's snippets) can carry: the source's newest key when the member may see it in
// full (browser sources), otherwise a placeholder.
function useReplayKey(workspaceId: string, source: Source | undefined, grant: Grant): string {
  const may = !!source && canOnSource(grant, "writekeys.read", source.id);
  const keys = useWriteKeys(workspaceId, source?.id ?? "", { enabled: may });
  const full = (keys.data ?? []).find((k) => k.status === "active" && k.key);
  return full?.key ?? KEY_PLACEHOLDER;
}

const STATUS: Record<StreamStatus, { label: string; tone: "green" | "amber" | "red" | "neutral" }> = {
  connecting: { label: "Connecting", tone: "neutral" },
  live: { label: "Live", tone: "green" },
  reconnecting: { label: "Reconnecting", tone: "amber" },
  failed: { label: "Disconnected", tone: "red" },
};

function StatusBadge({ status }: { status: StreamStatus }) {
  return (
    <span role="status" aria-label={`Stream ${STATUS[status].label.toLowerCase()}`}>
      <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>
    </span>
  );
}

const TYPES = ["track", "identify", "page", "screen", "group", "alias"];

function Filters({ value, onChange }: { value: DebuggerFilters; onChange: (f: DebuggerFilters) => void }) {
  const set = (patch: Partial<DebuggerFilters>) => onChange({ ...value, ...patch });
  return (
    <div className="flex flex-wrap items-end gap-3">
      <label className="text-xs font-medium text-neutral-700">
        Type
        <select aria-label="Type" className={`${inputClass} mt-1 w-36`} value={value.type} onChange={(e) => set({ type: e.target.value })}>
          <option value="">All types</option>
          {TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-neutral-700">
        Outcome
        <select
          aria-label="Outcome"
          className={`${inputClass} mt-1 w-36`}
          value={value.outcome}
          onChange={(e) => set({ outcome: e.target.value as DebuggerFilters["outcome"] })}
        >
          <option value="">All outcomes</option>
          <option value="accepted">Accepted</option>
          <option value="rejected">Rejected</option>
        </select>
      </label>
      <label className="text-xs font-medium text-neutral-700">
        Event name
        <input aria-label="Event name" className={`${inputClass} mt-1 w-44`} value={value.eventName} onChange={(e) => set({ eventName: e.target.value })} />
      </label>
      <label className="min-w-48 flex-1 text-xs font-medium text-neutral-700">
        Search payloads
        <input
          type="search"
          aria-label="Search payloads"
          placeholder="user id, property value…"
          className={`${inputClass} mt-1 w-full`}
          value={value.search}
          onChange={(e) => set({ search: e.target.value })}
        />
      </label>
    </div>
  );
}

function OutcomeBadge({ event }: { event: DebuggerEvent }) {
  if (event.outcome === "accepted") return <Badge tone="green">Accepted</Badge>;
  return (
    <Badge tone="red">
      Rejected{event.reason ? `: ${event.reason}` : ""}
    </Badge>
  );
}

const time = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour12: false });

function EventRow({ event, selected, onSelect }: { event: DebuggerEvent; selected: boolean; onSelect: () => void }) {
  const who = event.userId ?? event.anonymousId;
  return (
    <li data-testid="debugger-event" data-outcome={event.outcome}>
      <button
        type="button"
        onClick={onSelect}
        aria-current={selected ? "true" : undefined}
        className={`flex w-full items-center gap-3 px-4 py-2.5 text-left text-sm hover:bg-neutral-50 ${selected ? "bg-neutral-100" : ""}`}
      >
        <span className="w-16 shrink-0 font-mono text-xs text-neutral-500">{event.type ?? "—"}</span>
        <span className="min-w-0 flex-1 truncate font-medium text-neutral-900">{event.event ?? (event.type ? "" : "(no type)")}</span>
        <span className="hidden max-w-40 truncate font-mono text-xs text-neutral-500 sm:inline">{who ?? ""}</span>
        <time dateTime={event.receivedAt} className="shrink-0 font-mono text-xs text-neutral-500">
          {time(event.receivedAt)}
        </time>
        <OutcomeBadge event={event} />
      </button>
    </li>
  );
}

function EventDetail({ event, workspaceId, collectorUrl, writeKey, onClose }: {
  event: DebuggerEvent;
  workspaceId: string;
  collectorUrl: string;
  writeKey: string;
  onClose: () => void;
}) {
  const [view, setView] = useState<"pretty" | "raw">("pretty");
  const pretty = typeof event.payload === "string" ? event.payload : JSON.stringify(event.payload, null, 2);
  const raw = typeof event.payload === "string" ? event.payload : JSON.stringify(event.payload);
  return (
    <Card className="min-w-0 self-start">
      <section aria-label="Event detail" className="p-4">
        <div className="flex flex-wrap items-center gap-2">
          <OutcomeBadge event={event} />
          <span className="font-mono text-xs text-neutral-500">{event.type}</span>
          <h2 className="min-w-0 flex-1 truncate text-sm font-semibold text-neutral-900">{event.event ?? event.messageId ?? "Event"}</h2>
          <Button variant="ghost" size="sm" onClick={onClose}>
            Close
          </Button>
        </div>
        {event.outcome === "rejected" && (
          <p className="mt-2 text-sm text-red-700">
            Refused: {event.reasonText ?? event.reason}
            {event.itemIndex !== null && event.itemIndex >= 0 ? ` (item ${event.itemIndex} of its batch)` : ""}
          </p>
        )}
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-xs">
          <dt className="text-neutral-500">Received</dt>
          <dd className="font-mono">{event.receivedAt}</dd>
          <dt className="text-neutral-500">User</dt>
          <dd className="truncate font-mono">{event.userId ?? "—"}</dd>
          <dt className="text-neutral-500">Anonymous id</dt>
          <dd className="truncate font-mono">{event.anonymousId ?? "—"}</dd>
          <dt className="text-neutral-500">Message id</dt>
          <dd className="truncate font-mono">{event.messageId ?? "—"}</dd>
          <dt className="text-neutral-500">Source</dt>
          <dd className="truncate font-mono">
            <Link className="underline" href={`/w/${workspaceId}/sources/${event.sourceId}/debugger`}>
              {event.sourceId}
            </Link>
          </dd>
        </dl>
        <div className="mt-4 flex items-center gap-2">
          <div role="tablist" className="flex gap-1">
            {(["pretty", "raw"] as const).map((v) => (
              <Button key={v} role="tab" aria-selected={view === v} variant={view === v ? "secondary" : "ghost"} size="sm" onClick={() => setView(v)}>
                {v === "pretty" ? "Pretty" : "Raw"}
              </Button>
            ))}
          </div>
          <span className="flex-1" />
          <CopyButton value={raw} label="Copy JSON" />
          <CopyButton value={curlForEvent(event, collectorUrl, writeKey)} label="Copy as curl" />
        </div>
        {/* Rendered as text: markup in property values shows literally. */}
        <pre data-testid="event-json" className="mt-2 max-h-[55vh] overflow-auto rounded-md bg-neutral-950 p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap break-all text-neutral-100">
          {view === "pretty" ? pretty : raw}
        </pre>
      </section>
    </Card>
  );
}

function Empty({ source, collectorUrl, writeKey, workspaceId }: { source?: Source; collectorUrl: string; writeKey: string; workspaceId: string }) {
  if (!source) {
    return (
      <EmptyState
        icon={<ListIcon className="size-5" />}
        title="Waiting for events"
        description={
          <>
            Events sent to any source of this workspace appear here as they arrive. Each source&apos;s page has the snippet and write key to
            send a first event; <Link className="underline" href={`/w/${workspaceId}/sources`}>open Sources</Link>.
          </>
        }
      />
    );
  }
  const snippets = snippetsFor(source.type, writeKey, collectorUrl);
  return (
    <div className="p-5">
      <EmptyState
        icon={<ListIcon className="size-5" />}
        title="Waiting for the first event"
        description="Send an event to this source and it appears here within a second, accepted or refused with the reason."
      />
      {writeKey === KEY_PLACEHOLDER && (
        <p className="mb-3 text-sm text-neutral-600">Replace YOUR_WRITE_KEY with this source&apos;s write key (server keys are shown only once, when created).</p>
      )}
      <div className="space-y-3">
        {snippets.map((s) => (
          <figure key={s.id} className="overflow-hidden rounded-md border border-neutral-200">
            <figcaption className="flex items-center justify-between border-b border-neutral-200 bg-neutral-50 px-3 py-1.5">
              <span className="font-mono text-xs font-medium text-neutral-700">{s.title}</span>
              <CopyButton value={s.code} label={`Copy ${s.title} snippet`} />
            </figcaption>
            <pre className="overflow-x-auto bg-neutral-950 p-3 font-mono text-xs text-neutral-100">
              <code>{s.code}</code>
            </pre>
          </figure>
        ))}
      </div>
    </div>
  );
}
