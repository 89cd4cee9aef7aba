import { getPool } from "@/lib/db/pool";
import { percentileFromBuckets } from "@/pipeline/delivery/latency-buckets";
import { connectionIdsWithinScope } from "./destination-reach";
import { findDestination } from "./find-destination";

export type GetDeliveryStatsOptions = {
  workspaceId: string;
  destinationId: string;
  hours?: number;
  bucketMinutes?: number;
  // A member limited to these sources: the samples (which hold events) and the waiting counts are those of the
  // destination's connections to them. The series and latency are kept per destination, not per connection, and
  // stay whole: counts only, no event of another source.
  sourceIds?: readonly string[];
};

// The delivery page: counts over time, p95 ingest-to-delivery latency, what is waiting, and recent error samples.
export async function getDeliveryStats(o: GetDeliveryStatsOptions) {
  await findDestination(o);
  const connectionIds = (await connectionIdsWithinScope({ workspaceId: o.workspaceId, destinationId: o.destinationId, scope: o.sourceIds })) ?? null;
  const hours = Math.min(Math.max(o.hours ?? 24, 1), 24 * 30);
  const bucketMinutes = Math.min(Math.max(o.bucketMinutes ?? 60, 1), 24 * 60);
  const pool = getPool();
  const series = await pool.query<{ t: Date; delivered: string; retried: string; failed: string; dead_lettered: string; filtered: string; filter_errors: string }>(
    `SELECT to_timestamp(floor(extract(epoch FROM minute) / ($4 * 60)) * $4 * 60) AS t,
            sum(delivered)::text AS delivered, sum(retried)::text AS retried, sum(failed)::text AS failed,
            sum(dead_lettered)::text AS dead_lettered, sum(filtered)::text AS filtered, sum(filter_errors)::text AS filter_errors
     FROM eventlog.delivery_stats
     WHERE workspace_id = $1 AND destination_id = $2 AND minute >= now() - make_interval(hours => $3)
     GROUP BY 1 ORDER BY 1`,
    [o.workspaceId, o.destinationId, hours, bucketMinutes],
  );
  const buckets = await pool.query<{ latency_buckets: string[] }>(
    `SELECT latency_buckets FROM eventlog.delivery_stats WHERE workspace_id = $1 AND destination_id = $2 AND minute >= now() - make_interval(hours => $3)`,
    [o.workspaceId, o.destinationId, hours],
  );
  const merged: number[] = [];
  for (const r of buckets.rows) r.latency_buckets.forEach((n, i) => (merged[i] = (merged[i] ?? 0) + Number(n)));
  const waiting = await pool.query<{ retrying: string; dead: string; failing: number }>(
    `SELECT (SELECT count(*) FROM eventlog.delivery_retries WHERE workspace_id = $1 AND destination_id = $2 AND ($3::text[] IS NULL OR connection_id = ANY($3)))::text AS retrying,
            (SELECT count(*) FROM eventlog.dead_letters WHERE workspace_id = $1 AND destination_id = $2 AND ($3::text[] IS NULL OR connection_id = ANY($3)))::text AS dead,
            (SELECT count(*) FROM eventlog.delivery_cursors WHERE workspace_id = $1 AND destination_id = $2 AND attempts > 0 AND ($3::text[] IS NULL OR connection_id = ANY($3)))::int AS failing`,
    [o.workspaceId, o.destinationId, connectionIds],
  );
  const samples = await pool.query(
    `SELECT id::int, connection_id AS "connectionId", created_at AS "createdAt", outcome, message_id AS "messageId", status, error, event, request, response
     FROM eventlog.delivery_samples
     WHERE workspace_id = $1 AND destination_id = $2 AND ($3::text[] IS NULL OR connection_id = ANY($3))
     ORDER BY created_at DESC, id DESC LIMIT 50`,
    [o.workspaceId, o.destinationId, connectionIds],
  );
  const series_ = series.rows.map((r) => ({
    at: r.t, delivered: Number(r.delivered), retried: Number(r.retried), failed: Number(r.failed),
    deadLettered: Number(r.dead_lettered), filtered: Number(r.filtered), filterErrors: Number(r.filter_errors),
  }));
  const sum = (k: keyof (typeof series_)[number]) => series_.reduce((n, r) => n + (typeof r[k] === "number" ? (r[k] as number) : 0), 0);
  return {
    hours,
    bucketMinutes,
    totals: { delivered: sum("delivered"), retried: sum("retried"), failed: sum("failed"), deadLettered: sum("deadLettered"), filtered: sum("filtered"), filterErrors: sum("filterErrors") },
    // Events in the retry queue, dead letters, connections currently retrying their head batch.
    pending: { retryQueue: Number(waiting.rows[0].retrying), deadLetters: Number(waiting.rows[0].dead), failingConnections: waiting.rows[0].failing },
    p95LatencyMs: percentileFromBuckets(merged, 0.95),
    series: series_,
    recentErrors: samples.rows,
  };
}
