import { randomBytes } from "node:crypto";
import type pg from "pg";
import { holdsEventAfterSql, segmentsAfterSql, splitSegments, type SegmentRow } from "@/lib/eventlog/read-segments";
import { logger } from "@/lib/log/logger";
import type { OutgoingItem, SendContext, SendResult } from "@/pipeline/destinations/destination-types";
import { backoffMs } from "@/pipeline/delivery/backoff";
import { redactRequest } from "@/pipeline/delivery/redact-request";
import { routeEvent } from "@/pipeline/delivery/route-event";
import { DeliveryStatsRecorder } from "./delivery-stats-recorder";
import { loadDeliveryConfig, type ConnectionConfig } from "./load-delivery-config";

// The delivery worker. Each connection (source -> destination) has a cursor row in eventlog.delivery_cursors;
// a worker leases rows with FOR UPDATE SKIP LOCKED, reads the source's events after the cursor (a (tx_id, seq)
// position, read by the stream-cursor rule of 0001_event_log.sql: see readHorizon), routes them
// (integrations, filters, mapping), sends them in batches, and moves the cursor only once the destination
// confirmed (or the batch was discarded or dead-lettered). Several workers share one database; a crashed
// worker's leases expire and another resumes from the cursor, redelivering at most the in-flight batch.
//
// Lanes: healthy connections share `concurrency` slots; a connection that failed `demoteAfterFailures` times
// in a row moves to the demoted lane (its own `demotedConcurrency` slots), so a dead destination occupies
// none of the healthy slots. Dead letters a user retries go through the retry lane (delivery_retries).

export type DeliveryWorkerOptions = {
  pool: pg.Pool;
  workerId?: string;
  allowPrivateDestinations: boolean;
  retryWindowMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  sendTimeoutMs: number;
  concurrency?: number;
  demotedConcurrency?: number;
  demoteAfterFailures?: number;
  // Parallel sends within one connection's read batch.
  sendParallelism?: number;
  readLimit?: number;
  leaseMs?: number;
  pollIntervalMs?: number;
  configRefreshMs?: number;
  // How long one claim may keep a connection before giving others (and other workers) a turn.
  claimBudgetMs?: number;
  // The database a Postgres warehouse without a connection string loads into.
  defaultWarehouseUrl?: string;
};

type CursorRow = {
  connection_id: string;
  last_tx_id: string;
  last_seq: string;
  attempts: number;
  failing_since: Date | null;
  demoted: boolean;
};

type LogRow = { tx_id: string; seq: string; received_at: Date; payload: Record<string, unknown> };

// A place in the log, between events: the cursor stands after every event with (tx_id, seq) <= (tx, seq).
type Position = { tx: bigint; seq: bigint };

type Lane = "healthy" | "demoted" | "retry";

// `firstRow`: index, in the rows the chunk was prepared from, of the row its first item came from.
type Chunk = { items: OutgoingItem[]; firstRow: number };

const MAX_SAMPLE_EVENT = 20_000;

// SET clause moving a cursor to (tx, seq), given as parameter references, unless it already stands there or further
// (a late commit). Both assignments compare against the row's old values.
function advanceCursorSql(tx: string, seq: string): string {
  const ahead = `(${tx}::xid8, ${seq}::bigint) > (last_tx_id, last_seq)`;
  return `last_tx_id = CASE WHEN ${ahead} THEN ${tx}::xid8 ELSE last_tx_id END,
         last_seq = CASE WHEN ${ahead} THEN ${seq}::bigint ELSE last_seq END`;
}

// The position of a row (the cursor after it), and the one just before it: no event lies between (tx, seq - 1)
// and (tx, seq).
function positionOf(row: LogRow): Position {
  return { tx: BigInt(row.tx_id), seq: BigInt(row.seq) };
}

function positionBefore(row: LogRow): Position {
  return { tx: BigInt(row.tx_id), seq: BigInt(row.seq) - 1n };
}

export class DeliveryWorker {
  readonly id: string;
  private readonly o: Required<Omit<DeliveryWorkerOptions, "defaultWarehouseUrl" | "workerId">> & { defaultWarehouseUrl?: string };
  private config = new Map<string, ConnectionConfig>();
  private configLoadedAt = 0;
  // pg_snapshot_xmin at the last tick: every transaction below it has ended.
  private horizon = 0n;
  private active: Record<Lane, number> = { healthy: 0, demoted: 0, retry: 0 };
  private tasks = new Set<Promise<void>>();
  // Connections found caught up at a horizon: not claimed again until the horizon moves.
  private idleAt = new Map<string, bigint>();
  private lastSampleAt = new Map<string, number>();
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private statsTimer: NodeJS.Timeout | undefined;
  private ticking = false;
  private tickAgain = false;
  private listener: pg.PoolClient | undefined;
  private lastPrune = 0;
  readonly stats: DeliveryStatsRecorder;

  constructor(options: DeliveryWorkerOptions) {
    this.id = options.workerId ?? `w_${randomBytes(6).toString("hex")}`;
    this.o = {
      concurrency: 16,
      demotedConcurrency: 2,
      demoteAfterFailures: 3,
      sendParallelism: 4,
      readLimit: 1_000,
      leaseMs: 60_000,
      pollIntervalMs: 200,
      configRefreshMs: 2_000,
      claimBudgetMs: 5_000,
      ...options,
    } as DeliveryWorker["o"];
    this.stats = new DeliveryStatsRecorder(options.pool);
  }

  private get pool() {
    return this.o.pool;
  }

  async start(): Promise<void> {
    await this.refreshConfig(true);
    // The collector NOTIFYs `eventlog` after each write: wake up at once instead of waiting for the poll.
    try {
      this.listener = await this.pool.connect();
      this.listener.on("notification", () => this.wake());
      this.listener.on("error", () => {});
      await this.listener.query("LISTEN eventlog");
    } catch (err) {
      logger.warn("delivery worker could not LISTEN; polling only", { error: (err as Error).message });
    }
    this.timer = setInterval(() => this.wake(), this.o.pollIntervalMs);
    this.statsTimer = setInterval(() => void this.stats.flush().catch(() => {}), 1_000);
    this.wake();
  }

  // SIGTERM: stop claiming, let in-flight sends finish for up to `graceMs`, then hand every lease back so another
  // worker resumes at once. A send still running after that is abandoned: its batch will be redelivered.
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    clearInterval(this.statsTimer);
    const all = Promise.allSettled([...this.tasks]);
    await Promise.race([all, new Promise((r) => setTimeout(r, graceMs))]);
    await this.releaseAll().catch(() => {});
    await this.stats.flush().catch(() => {});
    if (this.listener) {
      await this.listener.query("UNLISTEN *").catch(() => {});
      this.listener.release();
      this.listener = undefined;
    }
  }

  // For tests: stop like a crash, keeping leases (they expire) and counters unflushed.
  async crash(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    clearInterval(this.statsTimer);
    this.listener?.release(true);
    this.listener = undefined;
  }

  private async releaseAll() {
    await this.pool.query(`UPDATE eventlog.delivery_cursors SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1`, [this.id]);
    await this.pool.query(`UPDATE eventlog.delivery_retries SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1`, [this.id]);
  }

  private wake() {
    if (this.stopping) return;
    if (this.ticking) {
      this.tickAgain = true;
      return;
    }
    this.ticking = true;
    void this.tick()
      .catch((err) => logger.error("delivery tick failed", { worker: this.id, error: (err as Error).message }))
      .finally(() => {
        this.ticking = false;
        if (this.tickAgain && !this.stopping) {
          this.tickAgain = false;
          setTimeout(() => this.wake(), 10);
        }
      });
  }

  private async tick() {
    await this.refreshConfig(false);
    await this.readHorizon();
    await this.markIdle();
    await this.fillLane("healthy");
    await this.fillLane("demoted");
    await this.fillRetryLane();
    if (Date.now() - this.lastPrune > 60_000) {
      this.lastPrune = Date.now();
      await this.pruneSamples().catch(() => {});
    }
  }

  private async refreshConfig(force: boolean) {
    if (!force && Date.now() - this.configLoadedAt < this.o.configRefreshMs) return;
    this.config = await loadDeliveryConfig(this.pool);
    this.configLoadedAt = Date.now();
    // A connection made without a cursor row (or before the worker saw it) starts at the log's current end, as in
    // connectDestination.
    const ids = [...this.config.keys()];
    if (ids.length) {
      await this.pool.query(
        `INSERT INTO eventlog.delivery_cursors (connection_id, workspace_id, source_id, destination_id, last_tx_id, last_seq)
         SELECT c.id, c.workspace_id, c.source_id, c.destination_id, pg_snapshot_xmin(pg_current_snapshot()), 0
         FROM public.connections c WHERE c.id = ANY($1)
         ON CONFLICT (connection_id) DO NOTHING`,
        [ids],
      );
    }
  }

  // The transaction id below which every transaction has ended: the snapshot's xmin. Concurrent writers commit out
  // of seq order (a smaller seq can become visible after a larger one), so cursors are (tx_id, seq) positions and
  // reads take only events with tx_id below the horizon: each of those is committed or never will be, and any
  // transaction that commits later has a larger tx_id, so a cursor never moves past an event still to come. Takes
  // no lock: the collector's inserts never wait for a worker. A long-running transaction that holds a tx id (in any
  // database of the cluster) holds the horizon, and so delivery, back until it ends.
  async readHorizon(): Promise<bigint> {
    try {
      const r = await this.pool.query<{ h: string }>(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS h`);
      const h = BigInt(r.rows[0].h);
      if (h > this.horizon) this.horizon = h;
    } catch (err) {
      logger.warn("delivery horizon not advanced", { error: (err as Error).message });
    }
    return this.horizon;
  }

  private limitOf(lane: Lane) {
    return lane === "healthy" ? this.o.concurrency : lane === "demoted" ? this.o.demotedConcurrency : 1;
  }

  private run(lane: Lane, work: () => Promise<void>) {
    this.active[lane]++;
    const task = work()
      .catch((err) => logger.error("delivery task failed", { worker: this.id, lane, error: (err as Error).stack ?? String(err) }))
      .finally(() => {
        this.active[lane]--;
        this.tasks.delete(task);
        this.wake();
      });
    this.tasks.add(task);
  }

  // Connections with no event between their cursor and the horizon are idle until the horizon moves, and are not
  // claimed: a claim writes (it takes a tx id, which moves the horizon), so claiming idle connections to find them
  // caught up would keep every worker busy on an idle log. A read-only index probe per connection instead, for those
  // a claim could take now (one retrying with a backlog is not probed on every tick). The probe is an ORDER BY ...
  // LIMIT 1 so that it stays an ordered index scan that stops at the first row (see the read in processConnection).
  private async markIdle() {
    const horizon = this.horizon;
    const unknown = [...this.config.keys()].filter((id) => this.idleAt.get(id) !== horizon);
    if (!unknown.length || this.stopping) return;
    const { rows } = await this.pool.query<{ connection_id: string }>(
      `SELECT c.connection_id FROM eventlog.delivery_cursors c
       WHERE c.connection_id = ANY($1) AND c.next_attempt_at <= now() AND (c.lease_until IS NULL OR c.lease_until < now())
         AND NOT EXISTS (
           SELECT FROM (
             SELECT FROM eventlog.segments s
             WHERE s.source_id = c.source_id AND ${holdsEventAfterSql("s", "c.last_tx_id", "c.last_seq")} AND s.tx_id < $2::xid8
             ORDER BY s.tx_id, s.seq LIMIT 1) first)`,
      [unknown, horizon.toString()],
    );
    for (const r of rows) this.idleAt.set(r.connection_id, horizon);
  }

  private async fillLane(lane: "healthy" | "demoted") {
    const free = this.limitOf(lane) - this.active[lane];
    if (free <= 0 || this.stopping) return;
    const candidates = [...this.config.keys()].filter((id) => this.idleAt.get(id) !== this.horizon);
    if (!candidates.length) return;
    const claimed = await this.pool.query<CursorRow>(
      `UPDATE eventlog.delivery_cursors c SET lease_owner = $1, lease_until = now() + make_interval(secs => $2)
       FROM (SELECT connection_id FROM eventlog.delivery_cursors
             WHERE connection_id = ANY($3) AND demoted = $4 AND next_attempt_at <= now()
               AND (lease_until IS NULL OR lease_until < now())
             ORDER BY next_attempt_at LIMIT $5 FOR UPDATE SKIP LOCKED) due
       WHERE c.connection_id = due.connection_id
       RETURNING c.connection_id, c.last_tx_id::text, c.last_seq::text, c.attempts, c.failing_since, c.demoted`,
      [this.id, this.o.leaseMs / 1000, candidates, lane === "demoted", free],
    );
    for (const row of claimed.rows) this.run(lane, () => this.processConnection(row));
  }

  private sendContext(cfg: ConnectionConfig): SendContext {
    return {
      allowPrivateDestinations: this.o.allowPrivateDestinations,
      timeoutMs: this.o.sendTimeoutMs,
      workspaceId: cfg.workspaceId,
      sourceId: cfg.sourceId,
      destinationId: cfg.destinationId,
      defaultWarehouseUrl: this.o.defaultWarehouseUrl,
    };
  }

  // Routes log rows into chunks of outgoing items; counts what was filtered out.
  private prepare(cfg: ConnectionConfig, rows: LogRow[]): Chunk[] {
    const items: OutgoingItem[] = [];
    let filtered = 0;
    let filterErrors = 0;
    const rowOf: number[] = [];
    rows.forEach((row, r) => {
      const outcome = routeEvent(row.payload, cfg.target);
      if (!outcome.send) {
        if (outcome.reason === "filter_error") filterErrors++;
        else filtered++;
        return;
      }
      for (const payload of outcome.payloads) {
        items.push({
          seq: row.seq,
          messageId: String(row.payload.messageId ?? ""),
          receivedAt: row.received_at.toISOString(),
          event: outcome.event,
          payload,
        });
        rowOf.push(r);
      }
    });
    this.stats.add(cfg.workspaceId, cfg.destinationId, "filtered", filtered);
    this.stats.add(cfg.workspaceId, cfg.destinationId, "filter_errors", filterErrors);
    const size = Math.max(1, cfg.batching.size);
    const chunks: Chunk[] = [];
    for (let i = 0; i < items.length; i += size) {
      chunks.push({ items: items.slice(i, i + size), firstRow: rowOf[i] });
    }
    return chunks;
  }

  private async send(cfg: ConnectionConfig, items: OutgoingItem[]): Promise<SendResult> {
    if (cfg.configError) return { ok: false, kind: "permanent", error: cfg.configError };
    try {
      return await cfg.module.send(cfg.settings as never, items, this.sendContext(cfg));
    } catch (err) {
      return { ok: false, kind: "retryable", error: (err as Error).message };
    }
  }

  // Sends chunks with bounded parallelism; results come back in chunk order. After a retryable failure no new
  // chunk starts (a down destination costs one round of timeouts, not one per chunk); the unsent ones are
  // reported as not attempted, which the caller treats like the failure (the cursor stays before them).
  private async sendAll(cfg: ConnectionConfig, chunks: Chunk[]): Promise<SendResult[]> {
    const results: SendResult[] = new Array(chunks.length);
    let next = 0;
    let failed = false;
    const parallel = Math.min(this.o.sendParallelism, chunks.length);
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < chunks.length && !failed) {
          const i = next++;
          results[i] = await this.send(cfg, chunks[i].items);
          if (!results[i].ok && (results[i] as { kind: string }).kind === "retryable") failed = true;
        }
      }),
    );
    for (let i = 0; i < chunks.length; i++) results[i] ??= { ok: false, kind: "retryable", error: "Not attempted after an earlier failure" };
    return results;
  }

  private async processConnection(claim: CursorRow) {
    const started = Date.now();
    let cursor: Position = { tx: BigInt(claim.last_tx_id), seq: BigInt(claim.last_seq) };
    let state = claim;
    for (;;) {
      const cfg = this.config.get(claim.connection_id);
      if (!cfg || this.stopping) return this.release(claim.connection_id);
      const horizon = this.horizon;
      // Nothing of this source can be readable before the horizon passes the cursor's transaction.
      if (cursor.tx >= horizon) {
        this.idleAt.set(claim.connection_id, horizon);
        return this.release(claim.connection_id);
      }
      const limit = Math.max(this.o.readLimit, cfg.batching.size);
      const rows = await this.readEvents(cfg.sourceId, cursor, horizon, limit);
      const reachedEnd = rows.length < limit;
      const chunks = this.prepare(cfg, rows);

      // A partial last batch may wait for more events, up to the destination's batch interval: full batches go
      // now, the cursor stops before the partial one, and the connection is due again when the interval ends.
      // Having read to the end, the cursor moves to the horizon: every event of this source before it was read.
      let deferUntil: Date | undefined;
      let end: Position = reachedEnd ? { tx: horizon, seq: 0n } : positionOf(rows[rows.length - 1]);
      const tail = chunks[chunks.length - 1];
      if (reachedEnd && tail && tail.items.length < cfg.batching.size && cfg.batching.intervalMs > 0) {
        const oldest = Date.parse(tail.items[0].receivedAt);
        if (Date.now() - oldest < cfg.batching.intervalMs) {
          chunks.pop();
          deferUntil = new Date(oldest + cfg.batching.intervalMs);
          end = positionBefore(rows[tail.firstRow]);
        }
      }

      const results = await this.sendAll(cfg, chunks);
      let failedAt = results.findIndex((r) => !r.ok && r.kind === "retryable");
      if (failedAt === -1) failedAt = chunks.length;
      // Chunks before the first retryable failure are done: delivered or discarded.
      for (let i = 0; i < results.length; i++) {
        const r = results[i];
        if (r.ok) {
          const now = Date.now();
          this.stats.delivered(cfg.workspaceId, cfg.destinationId, chunks[i].items.map((it) => now - Date.parse(it.receivedAt)));
        } else if (r.kind === "permanent" && i < failedAt) {
          this.stats.add(cfg.workspaceId, cfg.destinationId, "failed", chunks[i].items.length);
          await this.sample(cfg, "discarded", chunks[i].items[0], r, true);
        }
      }
      if (failedAt < chunks.length) {
        const failed = results[failedAt] as Extract<SendResult, { ok: false }>;
        const first = chunks[failedAt].firstRow;
        await this.handleRetryable(cfg, state, positionBefore(rows[first]), rows.slice(first), chunks[failedAt].items.length, failed);
        return;
      }
      if (deferUntil) {
        await this.commit(claim.connection_id, end, { reset: true, nextAttemptAt: deferUntil });
        this.idleAt.delete(claim.connection_id);
        return;
      }
      const ok = await this.commit(claim.connection_id, end, { reset: true });
      if (!ok) return;
      cursor = end;
      state = { ...state, attempts: 0, failing_since: null, demoted: false };
      if (Date.now() - started > this.o.claimBudgetMs) return this.release(claim.connection_id);
    }
  }

  // A source's events after the cursor, below the horizon, at most `limit`; served by segments_source_tx_seq_idx.
  private async readEvents(sourceId: string, cursor: Position, horizon: bigint, limit: number): Promise<LogRow[]> {
    const { rows } = await this.pool.query<SegmentRow>({
      name: "delivery_read_segments_v1",
      text: segmentsAfterSql({ tx: "$2::xid8", seq: "$3::bigint", limit: "$5", filter: "source_id = $1 AND tx_id < $4::xid8" }),
      values: [sourceId, cursor.tx.toString(), cursor.seq.toString(), horizon.toString(), limit],
    });
    return splitSegments(rows, cursor, limit).map((e) => {
      const payload = JSON.parse(e.payload) as Record<string, unknown>;
      const at = typeof payload.receivedAt === "string" ? new Date(payload.receivedAt) : e.segment.received_at;
      return { tx_id: e.tx.toString(), seq: e.seq.toString(), received_at: Number.isNaN(at.getTime()) ? e.segment.received_at : at, payload };
    });
  }

  // Moves the cursor, still holding the lease (a worker whose lease was taken over commits nothing).
  private async commit(connectionId: string, to: Position, o: { reset: boolean; nextAttemptAt?: Date }): Promise<boolean> {
    const res = await this.pool.query(
      `UPDATE eventlog.delivery_cursors SET ${advanceCursorSql("$2", "$7")}, updated_at = now(),
         attempts = CASE WHEN $4 THEN 0 ELSE attempts END,
         failing_since = CASE WHEN $4 THEN NULL ELSE failing_since END,
         demoted = CASE WHEN $4 THEN false ELSE demoted END,
         next_attempt_at = coalesce($5, now()),
         lease_until = CASE WHEN $5::timestamptz IS NULL THEN now() + make_interval(secs => $6) ELSE NULL END,
         lease_owner = CASE WHEN $5::timestamptz IS NULL THEN lease_owner ELSE NULL END
       WHERE connection_id = $1 AND lease_owner = $3`,
      [connectionId, to.tx.toString(), this.id, o.reset, o.nextAttemptAt ?? null, this.o.leaseMs / 1000, to.seq.toString()],
    );
    return (res.rowCount ?? 0) > 0;
  }

  private async release(connectionId: string) {
    await this.pool.query(
      `UPDATE eventlog.delivery_cursors SET lease_owner = NULL, lease_until = NULL WHERE connection_id = $1 AND lease_owner = $2`,
      [connectionId, this.id],
    );
  }

  // A retryable failure at the head: events whose retry window has passed are dead-lettered (the window starts
  // when the event arrived, or when this run of failures began if later); the cursor stays before the rest,
  // which are tried again after a randomized exponential backoff (at least the destination's Retry-After).
  private async handleRetryable(cfg: ConnectionConfig, state: CursorRow, doneUpTo: Position, remaining: LogRow[], chunkSize: number, failed: Extract<SendResult, { ok: false }>) {
    const now = Date.now();
    const failingSince = state.failing_since?.getTime() ?? now;
    const expired: LogRow[] = [];
    for (const row of remaining) {
      if (Math.max(row.received_at.getTime(), failingSince) + this.o.retryWindowMs > now) break;
      expired.push(row);
    }
    const attempts = state.attempts + 1;
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      if (expired.length) {
        await client.query(
          `INSERT INTO eventlog.dead_letters (workspace_id, destination_id, connection_id, seq, message_id, event, attempts, first_failed_at, last_status, last_error)
           SELECT $1, $2, $3, u.seq, u.message_id, u.event, $7, $8, $9, $10
           FROM unnest($4::bigint[], $5::text[], $6::jsonb[]) AS u(seq, message_id, event)
           ON CONFLICT (connection_id, seq) DO NOTHING`,
          [
            cfg.workspaceId, cfg.destinationId, cfg.connectionId,
            expired.map((r) => r.seq), expired.map((r) => String(r.payload.messageId ?? "")), expired.map((r) => JSON.stringify(r.payload)),
            attempts, new Date(failingSince), failed.status ?? null, failed.error.slice(0, 2_000),
          ],
        );
      }
      const allExpired = expired.length === remaining.length;
      const cursor = expired.length ? positionOf(expired[expired.length - 1]) : doneUpTo;
      const wait = backoffMs(attempts, { baseMs: this.o.backoffBaseMs, maxMs: this.o.backoffMaxMs, retryAfterMs: failed.retryAfterMs });
      await client.query(
        `UPDATE eventlog.delivery_cursors SET ${advanceCursorSql("$2", "$8")}, updated_at = now(),
           attempts = $4, failing_since = $5, demoted = $6,
           next_attempt_at = now() + make_interval(secs => $7), lease_owner = NULL, lease_until = NULL
         WHERE connection_id = $1 AND lease_owner = $3`,
        [cfg.connectionId, cursor.tx.toString(), this.id, attempts, new Date(failingSince), attempts >= this.o.demoteAfterFailures, allExpired ? 0 : wait / 1000, cursor.seq.toString()],
      );
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    this.idleAt.delete(cfg.connectionId);
    this.stats.add(cfg.workspaceId, cfg.destinationId, "retried", chunkSize);
    this.stats.add(cfg.workspaceId, cfg.destinationId, "dead_lettered", expired.length);
    const firstRow = remaining[0];
    await this.sample(cfg, expired.length ? "dead_lettered" : "retrying", firstRow ? { seq: firstRow.seq, messageId: String(firstRow.payload.messageId ?? ""), receivedAt: firstRow.received_at.toISOString(), event: firstRow.payload, payload: firstRow.payload } : undefined, failed, attempts === 1);
  }

  // A sample of an error: the event, the request sent and the response, with secrets redacted. At most one
  // per connection per second unless `always`.
  private async sample(cfg: ConnectionConfig, outcome: string, item: OutgoingItem | undefined, r: Extract<SendResult, { ok: false }>, always: boolean) {
    const key = `${cfg.connectionId}|${outcome}`;
    if (!always && Date.now() - (this.lastSampleAt.get(key) ?? 0) < 1_000) return;
    this.lastSampleAt.set(key, Date.now());
    const request = r.request ? redactRequest(r.request, cfg.secrets) : null;
    if (request && request.body.length > MAX_SAMPLE_EVENT) request.body = request.body.slice(0, MAX_SAMPLE_EVENT) + "…";
    const event = item ? JSON.stringify(item.event) : null;
    await this.pool.query(
      `INSERT INTO eventlog.delivery_samples (workspace_id, destination_id, connection_id, outcome, message_id, status, error, event, request, response)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        cfg.workspaceId, cfg.destinationId, cfg.connectionId, outcome, item?.messageId ?? null, r.status ?? null,
        r.error.slice(0, 2_000), event && event.length <= MAX_SAMPLE_EVENT ? event : null, request ? JSON.stringify(request) : null,
        r.response ? redactRequest({ method: "", url: "", headers: {}, body: r.response }, cfg.secrets).body : null,
      ],
    );
  }

  private async pruneSamples() {
    await this.pool.query(
      `DELETE FROM eventlog.delivery_samples WHERE id IN (
         SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY destination_id ORDER BY id DESC) AS n FROM eventlog.delivery_samples) x
         WHERE x.n > 200)`,
    );
  }

  // The retry lane: dead letters a user asked to retry, each on its own backoff until the window passes again.
  private async fillRetryLane() {
    if (this.active.retry > 0 || this.stopping) return;
    const { rows } = await this.pool.query<{ id: string; connection_id: string; seq: string; message_id: string; event: Record<string, unknown>; attempts: number; first_failed_at: Date }>(
      `UPDATE eventlog.delivery_retries r SET lease_owner = $1, lease_until = now() + make_interval(secs => $2)
       FROM (SELECT id FROM eventlog.delivery_retries WHERE next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
             ORDER BY next_attempt_at LIMIT 500 FOR UPDATE SKIP LOCKED) due
       WHERE r.id = due.id
       RETURNING r.id::text, r.connection_id, r.seq::text, r.message_id, r.event, r.attempts, r.first_failed_at`,
      [this.id, this.o.leaseMs / 1000],
    );
    if (!rows.length) return;
    this.run("retry", async () => {
      const byConnection = new Map<string, typeof rows>();
      for (const r of rows) byConnection.set(r.connection_id, [...(byConnection.get(r.connection_id) ?? []), r]);
      for (const [connectionId, list] of byConnection) {
        const cfg = this.config.get(connectionId);
        if (!cfg) {
          // The connection is gone or disabled: back to the dead letters.
          await this.retriesToDeadLetters(list.map((r) => r.id), null, "The connection is disabled or was removed");
          continue;
        }
        const logRows = list.map((r) => ({ tx_id: "0", seq: r.seq, received_at: new Date(String(r.event.receivedAt ?? new Date().toISOString())), payload: r.event }));
        const chunks = this.prepare(cfg, logRows);
        const sentSeqs = new Set(chunks.flatMap((c) => c.items.map((i) => i.seq)));
        const idOf = new Map(list.map((r) => [r.seq, r.id]));
        // Filtered out now: nothing to send.
        await this.deleteRetries(list.filter((r) => !sentSeqs.has(r.seq)).map((r) => r.id));
        const results = await this.sendAll(cfg, chunks);
        for (let i = 0; i < chunks.length; i++) {
          const r = results[i];
          const ids = [...new Set(chunks[i].items.map((it) => idOf.get(it.seq)!))];
          if (r.ok) {
            const now = Date.now();
            this.stats.delivered(cfg.workspaceId, cfg.destinationId, chunks[i].items.map((it) => now - Date.parse(it.receivedAt)));
            await this.deleteRetries(ids);
          } else if (r.kind === "permanent") {
            this.stats.add(cfg.workspaceId, cfg.destinationId, "failed", chunks[i].items.length);
            await this.sample(cfg, "discarded", chunks[i].items[0], r, true);
            await this.deleteRetries(ids);
          } else {
            this.stats.add(cfg.workspaceId, cfg.destinationId, "retried", chunks[i].items.length);
            const first = list.find((x) => x.id === ids[0])!;
            if (Date.now() - first.first_failed_at.getTime() > this.o.retryWindowMs) {
              this.stats.add(cfg.workspaceId, cfg.destinationId, "dead_lettered", ids.length);
              await this.retriesToDeadLetters(ids, r.status ?? null, r.error);
            } else {
              const wait = backoffMs(first.attempts + 1, { baseMs: this.o.backoffBaseMs, maxMs: this.o.backoffMaxMs, retryAfterMs: r.retryAfterMs });
              await this.pool.query(
                `UPDATE eventlog.delivery_retries SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $2),
                   last_status = $3, last_error = $4, lease_owner = NULL, lease_until = NULL WHERE id = ANY($1::bigint[])`,
                [ids, wait / 1000, r.status ?? null, r.error.slice(0, 2_000)],
              );
            }
          }
        }
      }
    });
  }

  private async deleteRetries(ids: string[]) {
    if (ids.length) await this.pool.query(`DELETE FROM eventlog.delivery_retries WHERE id = ANY($1::bigint[])`, [ids]);
  }

  private async retriesToDeadLetters(ids: string[], status: number | null, error: string) {
    if (!ids.length) return;
    await this.pool.query(
      `WITH moved AS (DELETE FROM eventlog.delivery_retries WHERE id = ANY($1::bigint[]) RETURNING *)
       INSERT INTO eventlog.dead_letters (workspace_id, destination_id, connection_id, seq, message_id, event, attempts, first_failed_at, last_status, last_error)
       SELECT workspace_id, destination_id, connection_id, seq, message_id, event, attempts + 1, first_failed_at, $2, $3 FROM moved
       ON CONFLICT (connection_id, seq) DO NOTHING`,
      [ids, status, error.slice(0, 2_000)],
    );
  }
}
