"use client";

import { useState } from "react";
import { ErrorMessage } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { CheckIcon, ListIcon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/spinner";
import { formatDateTime, formatNumber, formatRelative } from "@/components/workspace/format";
import {
  useDeadLetters,
  useDeliveryStats,
  useDiscardDeadLetters,
  useRetryDeadLetters,
  type DeliveryPoint,
  type DeliverySample,
  type DestinationDetail,
} from "@/lib/queries/destinations";
import { useSources } from "@/lib/queries/sources";
import { DataTable } from "@/components/ui/data-table";
import { CodeBlock, RequestView, Stat, td } from "./destination-ui";
import { DestinationFrame } from "./destination-frame";

const RANGES = [
  { hours: 1, label: "1 hour" },
  { hours: 24, label: "24 hours" },
  { hours: 24 * 7, label: "7 days" },
];

const SERIES = [
  { key: "delivered", label: "Delivered", color: "bg-emerald-500" },
  { key: "retried", label: "Retried", color: "bg-amber-400" },
  { key: "failed", label: "Failed", color: "bg-red-500" },
  { key: "deadLettered", label: "Dead-lettered", color: "bg-red-900" },
] as const;

export function DeliveryView({ workspaceId, destinationId }: { workspaceId: string; destinationId: string }) {
  return (
    <DestinationFrame workspaceId={workspaceId} destinationId={destinationId} tab="delivery">
      {({ destination, canWrite }) => <Delivery workspaceId={workspaceId} destination={destination} canWrite={canWrite} />}
    </DestinationFrame>
  );
}

function formatLatency(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

function Delivery({ workspaceId, destination, canWrite }: { workspaceId: string; destination: DestinationDetail; canWrite: boolean }) {
  const [hours, setHours] = useState(24);
  const stats = useDeliveryStats(workspaceId, destination.id, hours);
  const sources = useSources(workspaceId);
  const sourceOf = (connectionId: string) => {
    const c = destination.connections.find((x) => x.id === connectionId);
    return c ? (sources.data?.find((s) => s.id === c.sourceId)?.name ?? c.sourceId) : "A removed connection";
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-neutral-500">Counts refresh every 10 seconds.</p>
        <div role="radiogroup" aria-label="Time range" className="inline-flex rounded-md bg-neutral-100 p-0.5">
          {RANGES.map((r) => (
            <button
              key={r.hours}
              type="button"
              role="radio"
              aria-checked={hours === r.hours}
              onClick={() => setHours(r.hours)}
              className={cn("rounded px-2.5 py-1 text-xs font-medium", hours === r.hours ? "bg-white text-neutral-900 shadow-xs" : "text-neutral-600 hover:text-neutral-900")}
            >
              {r.label}
            </button>
          ))}
        </div>
      </div>
      {stats.isPending ? (
        <Card>
          <SkeletonRows rows={4} />
        </Card>
      ) : stats.error ? (
        <ErrorMessage error={stats.error} />
      ) : (
        <>
          <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
            <Stat label="Delivered" tone="green" value={formatNumber(stats.data.totals.delivered)} hint={`Filtered out: ${formatNumber(stats.data.totals.filtered)}`} />
            <Stat label="Retrying" tone="amber" value={formatNumber(stats.data.pending.retryQueue)} hint={`${formatNumber(stats.data.totals.retried)} retries in range`} />
            <Stat label="Failed" tone="red" value={formatNumber(stats.data.totals.failed)} hint="Refused, not retried" />
            <Stat label="Dead-lettered" tone="red" value={formatNumber(stats.data.pending.deadLetters)} hint={`${formatNumber(stats.data.totals.deadLettered)} in range`} />
            <Stat label="p95 latency" value={formatLatency(stats.data.p95LatencyMs)} hint="Received to delivered" />
          </div>
          <Card>
            <CardHeader title="Delivery over time" description={`Last ${RANGES.find((r) => r.hours === hours)?.label ?? `${hours} hours`}`} />
            <CardBody>
              <DeliveryChart series={stats.data.series} hours={stats.data.hours} bucketMinutes={stats.data.bucketMinutes} />
            </CardBody>
          </Card>
          <RecentErrors samples={stats.data.recentErrors} sourceOf={sourceOf} />
        </>
      )}
      <DeadLetters workspaceId={workspaceId} destinationId={destination.id} canWrite={canWrite} sourceOf={sourceOf} />
    </div>
  );
}

// Stacked bars drawn with CSS, one per bucket (empty buckets filled in), each a list item naming its counts.
function DeliveryChart({ series, hours, bucketMinutes }: { series: DeliveryPoint[]; hours: number; bucketMinutes: number }) {
  const step = bucketMinutes * 60_000;
  const end = Math.floor(Date.now() / step) * step;
  const start = Math.floor((Date.now() - hours * 3_600_000) / step) * step + step;
  const byTime = new Map(series.map((p) => [Math.floor(new Date(p.at).getTime() / step) * step, p]));
  const buckets: { t: number; p?: DeliveryPoint }[] = [];
  for (let t = start; t <= end; t += step) buckets.push({ t, p: byTime.get(t) });
  const total = (p?: DeliveryPoint) => (p ? p.delivered + p.retried + p.failed + p.deadLettered : 0);
  const max = Math.max(1, ...buckets.map((b) => total(b.p)));
  const fmt = new Intl.DateTimeFormat("en-US", hours > 48 ? { month: "short", day: "numeric", hour: "numeric" } : { hour: "numeric", minute: "2-digit" });
  const everything = buckets.reduce((n, b) => n + total(b.p), 0);
  return (
    <figure aria-label="Deliveries over time">
      <div className="flex items-stretch gap-2">
        <div className="flex flex-col justify-between text-right text-[11px] text-neutral-400 tabular-nums" aria-hidden="true">
          <span>{formatNumber(max)}</span>
          <span>0</span>
        </div>
        <ul className="flex h-40 flex-1 items-end gap-px border-b border-l border-neutral-200">
          {buckets.map(({ t, p }) => {
            const text = `${fmt.format(new Date(t))}: ${SERIES.map((s) => `${formatNumber(p?.[s.key] ?? 0)} ${s.label.toLowerCase()}`).join(", ")}`;
            return (
              <li key={t} aria-label={text} title={text} className="flex h-full flex-1 flex-col-reverse">
                {total(p) === 0 ? (
                  <div className="h-px bg-neutral-100" />
                ) : (
                  SERIES.map((s) =>
                    p && p[s.key] > 0 ? <div key={s.key} className={cn(s.color, "w-full first:rounded-none last:rounded-t-sm")} style={{ height: `${Math.max(1.5, (p[s.key] / max) * 100)}%` }} /> : null,
                  )
                )}
              </li>
            );
          })}
        </ul>
      </div>
      <div className="mt-1.5 flex justify-between pl-6 text-[11px] text-neutral-400" aria-hidden="true">
        <span>{buckets[0] && fmt.format(new Date(buckets[0].t))}</span>
        <span>{buckets.at(-1) && fmt.format(new Date(buckets.at(-1)!.t))}</span>
      </div>
      <figcaption className="mt-3 flex flex-wrap items-center gap-4 text-xs text-neutral-600">
        {SERIES.map((s) => (
          <span key={s.key} className="flex items-center gap-1.5">
            <span className={cn("size-2.5 rounded-sm", s.color)} aria-hidden="true" />
            {s.label}
          </span>
        ))}
        {everything === 0 && <span className="text-neutral-500">No deliveries in this range yet.</span>}
      </figcaption>
    </figure>
  );
}

const OUTCOME_LABELS: Record<string, { label: string; tone: "red" | "amber" }> = {
  discarded: { label: "Failed, not retried", tone: "red" },
  retrying: { label: "Retrying", tone: "amber" },
  dead_lettered: { label: "Dead-lettered", tone: "red" },
};

function RecentErrors({ samples, sourceOf }: { samples: DeliverySample[]; sourceOf: (connectionId: string) => string }) {
  const [open, setOpen] = useState<number | null>(null);
  return (
    <Card>
      <CardHeader title="Recent errors" description="Samples of failed deliveries: the event, the request sent and the response received. Secrets are redacted." />
      {samples.length === 0 ? (
        <EmptyState icon={<CheckIcon className="size-5" />} title="No errors" description="Failed deliveries show here with the request and the response." />
      ) : (
        <ul className="divide-y divide-neutral-100" aria-label="Recent errors">
          {samples.map((s) => {
            const outcome = OUTCOME_LABELS[s.outcome] ?? { label: s.outcome, tone: "red" as const };
            const expanded = open === s.id;
            const name = s.event && typeof s.event.event === "string" ? s.event.event : s.event && typeof s.event.type === "string" ? s.event.type : "Event";
            return (
              <li key={s.id} aria-label={`Error: ${name}`} className="px-5 py-3">
                <button
                  type="button"
                  aria-expanded={expanded}
                  onClick={() => setOpen(expanded ? null : s.id)}
                  className="flex w-full flex-wrap items-center gap-x-3 gap-y-1 text-left"
                >
                  <Badge tone={outcome.tone}>{outcome.label}</Badge>
                  {s.status !== null && <Badge tone="neutral">HTTP {s.status}</Badge>}
                  <span className="text-sm font-medium text-neutral-900">{name}</span>
                  <span className="min-w-0 flex-1 truncate text-sm text-neutral-600">{s.error}</span>
                  <span className="text-xs text-neutral-500" title={formatDateTime(s.createdAt)}>
                    {formatRelative(s.createdAt)} · {sourceOf(s.connectionId)}
                  </span>
                  <span className="text-xs font-medium text-neutral-700 underline underline-offset-4">{expanded ? "Hide" : "Details"}</span>
                </button>
                {expanded && (
                  <div className="mt-3 grid gap-4 lg:grid-cols-2 2xl:grid-cols-3">
                    <div className="min-w-0 space-y-1.5">
                      <h3 className="text-xs font-semibold tracking-wide text-neutral-500 uppercase">Event</h3>
                      {s.event ? <CodeBlock label="Event" value={JSON.stringify(s.event)} /> : <p className="text-sm text-neutral-500">Not kept (too large).</p>}
                      {s.messageId && <p className="font-mono text-xs text-neutral-500">messageId {s.messageId}</p>}
                    </div>
                    <div className="min-w-0 space-y-1.5">
                      <h3 className="text-xs font-semibold tracking-wide text-neutral-500 uppercase">Request sent</h3>
                      {s.request ? <RequestView request={s.request} /> : <p className="text-sm text-neutral-500">No request was made.</p>}
                    </div>
                    <div className="min-w-0 space-y-1.5">
                      <h3 className="text-xs font-semibold tracking-wide text-neutral-500 uppercase">Response received</h3>
                      {s.status !== null && <p className="font-mono text-xs text-neutral-700">HTTP {s.status}</p>}
                      {s.response ? <CodeBlock label="Response body" value={s.response} /> : <p className="text-sm text-neutral-500">{s.error ?? "No response."}</p>}
                    </div>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

function DeadLetters({ workspaceId, destinationId, canWrite, sourceOf }: { workspaceId: string; destinationId: string; canWrite: boolean; sourceOf: (connectionId: string) => string }) {
  const list = useDeadLetters(workspaceId, destinationId);
  const retry = useRetryDeadLetters(workspaceId, destinationId);
  const discard = useDiscardDeadLetters(workspaceId, destinationId);
  const [confirmDiscardAll, setConfirmDiscardAll] = useState(false);
  const total = list.data?.total ?? 0;
  const busy = retry.isPending || discard.isPending;
  return (
    <Card>
      <CardHeader
        title="Dead letters"
        description="Events that still failed when the retry window ended. Retry sends them again with a new window; discard deletes them."
        actions={
          canWrite &&
          total > 0 && (
            <>
              <Button variant="secondary" size="sm" loading={retry.isPending && retry.variables === undefined} disabled={busy} onClick={() => retry.mutate(undefined)}>
                Retry all ({formatNumber(total)})
              </Button>
              {confirmDiscardAll ? (
                <>
                  <Button variant="danger" size="sm" disabled={busy} loading={discard.isPending && discard.variables === undefined} onClick={() => discard.mutate(undefined, { onSuccess: () => setConfirmDiscardAll(false) })}>
                    Discard all {formatNumber(total)}
                  </Button>
                  <Button variant="ghost" size="sm" onClick={() => setConfirmDiscardAll(false)}>
                    Cancel
                  </Button>
                </>
              ) : (
                <Button variant="danger" size="sm" disabled={busy} onClick={() => setConfirmDiscardAll(true)}>
                  Discard all
                </Button>
              )}
            </>
          )
        }
      />
      <ErrorMessage error={retry.error ?? discard.error} className="mx-5 mt-4" />
      {retry.data && !retry.isPending && <p role="status" className="px-5 pt-3 text-sm text-emerald-700">{formatNumber(retry.data.retried)} queued for retry.</p>}
      {discard.data && !discard.isPending && <p role="status" className="px-5 pt-3 text-sm text-neutral-700">{formatNumber(discard.data.discarded)} discarded.</p>}
      {list.isPending ? (
        <SkeletonRows rows={2} />
      ) : list.error ? (
        <CardBody>
          <ErrorMessage error={list.error} />
        </CardBody>
      ) : list.data.deadLetters.length === 0 ? (
        <EmptyState icon={<ListIcon className="size-5" />} title="No dead letters" description="Nothing is waiting for a decision." />
      ) : (
        <>
          <DataTable
            label="Dead letters"
            columns={[{ label: "Event" }, { label: "Source" }, { label: "Last error" }, { label: "Attempts", align: "right" }, { label: "Dead since" }, canWrite && { label: "Actions", align: "right" }]}
          >
              {list.data.deadLetters.map((d) => {
                const name = typeof d.event?.event === "string" ? d.event.event : typeof d.event?.type === "string" ? d.event.type : "Event";
                return (
                  <tr key={d.id}>
                    <td className={td}>
                      <p className="font-medium text-neutral-900">{name}</p>
                      <p className="font-mono text-xs text-neutral-500">{d.messageId}</p>
                    </td>
                    <td className={td}>{sourceOf(d.connectionId)}</td>
                    <td className={`${td} max-w-xs`}>
                      {d.lastStatus !== null && <Badge tone="red">HTTP {d.lastStatus}</Badge>} <span className="text-neutral-600">{d.lastError}</span>
                    </td>
                    <td className={`${td} text-right tabular-nums`}>{formatNumber(d.attempts)}</td>
                    <td className={`${td} text-neutral-500`} title={formatDateTime(d.deadAt)}>
                      {formatRelative(d.deadAt)}
                    </td>
                    {canWrite && (
                      <td className={`${td} text-right whitespace-nowrap`}>
                        <Button variant="secondary" size="sm" disabled={busy} onClick={() => retry.mutate([d.id])} aria-label={`Retry ${name} ${d.messageId}`}>
                          Retry
                        </Button>{" "}
                        <Button variant="ghost" size="sm" disabled={busy} onClick={() => discard.mutate([d.id])} aria-label={`Discard ${name} ${d.messageId}`}>
                          Discard
                        </Button>
                      </td>
                    )}
                  </tr>
                );
              })}
          </DataTable>
          {total > list.data.deadLetters.length && (
            <p className="border-t border-neutral-100 px-5 py-2.5 text-xs text-neutral-500">
              Showing the newest {formatNumber(list.data.deadLetters.length)} of {formatNumber(total)}.
            </p>
          )}
        </>
      )}
    </Card>
  );
}
