import type pg from "pg";
import type { FastifyBaseLogger } from "fastify";
import { maintainEventLog } from "@/lib/eventlog/maintain-event-log";

export type ScheduleMaintenanceOptions = { pool: pg.Pool; retentionDays: number; intervalMs?: number; log: FastifyBaseLogger };

// Partitions ahead, retention, dedupe pruning: now, then every interval. A failure (database down) retries in a
// minute rather than waiting a whole interval.
export function scheduleMaintenance({ pool, retentionDays, intervalMs = 60 * 60_000, log }: ScheduleMaintenanceOptions) {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = async () => {
    let next = intervalMs;
    try {
      const r = await maintainEventLog(pool, { retentionDays });
      if (r.created || r.dropped) log.info(r, "event log maintenance");
    } catch (err) {
      log.warn({ err: (err as Error).message }, "event log maintenance failed; retrying in a minute");
      next = 60_000;
    }
    if (!stopped) timer = setTimeout(run, next).unref();
  };
  void run();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
