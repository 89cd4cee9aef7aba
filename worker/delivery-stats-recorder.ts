import type pg from "pg";
import { bucketOf, emptyBuckets } from "@/pipeline/delivery/latency-buckets";

export type StatCounter = "delivered" | "retried" | "failed" | "dead_lettered" | "filtered" | "filter_errors";
const COUNTERS: StatCounter[] = ["delivered", "retried", "failed", "dead_lettered", "filtered", "filter_errors"];

type Entry = { workspaceId: string; destinationId: string; minute: string; counts: Record<StatCounter, number>; buckets: number[] };

// Counts in memory, written once a second as one upsert per destination and minute. A crash loses at most a
// second of counters, never an event.
export class DeliveryStatsRecorder {
  private entries = new Map<string, Entry>();

  constructor(private readonly pool: pg.Pool) {}

  private entry(workspaceId: string, destinationId: string): Entry {
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
    const key = `${workspaceId}|${destinationId}|${minute}`;
    let e = this.entries.get(key);
    if (!e) {
      e = { workspaceId, destinationId, minute, counts: Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Entry["counts"], buckets: emptyBuckets() };
      this.entries.set(key, e);
    }
    return e;
  }

  add(workspaceId: string, destinationId: string, counter: StatCounter, n = 1) {
    if (n) this.entry(workspaceId, destinationId).counts[counter] += n;
  }

  delivered(workspaceId: string, destinationId: string, latenciesMs: number[]) {
    const e = this.entry(workspaceId, destinationId);
    e.counts.delivered += latenciesMs.length;
    for (const ms of latenciesMs) e.buckets[bucketOf(ms)]++;
  }

  async flush(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    for (const e of entries) {
      await this.pool.query(
        `INSERT INTO eventlog.delivery_stats AS s
           (workspace_id, destination_id, minute, delivered, retried, failed, dead_lettered, filtered, filter_errors, latency_buckets)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::bigint[])
         ON CONFLICT (workspace_id, destination_id, minute) DO UPDATE SET
           delivered = s.delivered + EXCLUDED.delivered, retried = s.retried + EXCLUDED.retried,
           failed = s.failed + EXCLUDED.failed, dead_lettered = s.dead_lettered + EXCLUDED.dead_lettered,
           filtered = s.filtered + EXCLUDED.filtered, filter_errors = s.filter_errors + EXCLUDED.filter_errors,
           latency_buckets = (SELECT array_agg(coalesce(a, 0) + coalesce(b, 0) ORDER BY n)
                              FROM unnest(s.latency_buckets, EXCLUDED.latency_buckets) WITH ORDINALITY AS t(a, b, n))`,
        [e.workspaceId, e.destinationId, e.minute, ...COUNTERS.map((c) => e.counts[c]), e.buckets],
      );
    }
  }
}
