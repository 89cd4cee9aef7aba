import pg from "pg";
import type { NormalizedEvent, RejectedItem } from "@/pipeline/normalize-events";
import { dedupeKey } from "./dedupe-key";
import { isConnectionError } from "./is-connection-error";
import { ensurePartitions } from "./maintain-event-log";
import { CLAIM_KEYS_SQL, CLAIM_WAITING_KEYS_SQL, NOTIFY_SQL, writeSegmentsSql } from "./write-event-batch.sql";

export type WriteRequest = {
  workspaceId: string;
  sourceId: string;
  receivedAt: Date;
  events: NormalizedEvent[];
  rejected: RejectedItem[];
};

export type WriteResult = { inserted: number; duplicates: number };

// claimedEarly: how many of the commit's dedupe keys were claimed while its requests waited (claimWaitingKeys).
export type FlushStats = { requests: number; events: number; durationMs: number; ok: boolean; claimedEarly: number };

export type EventLogWriterOptions = {
  pool: pg.Pool;
  // Flush as soon as this many events wait...
  maxBatchEvents?: number;
  // ...or this long after the first one arrived (1 ms by default: at 2 ms, single-event requests under load spent
  // longer waiting for the timer than in the write).
  maxDelayMs?: number;
  // Group commits allowed in flight at once; more overlap commit latency (see the migration on reading by seq). 8 by
  // default: with 4, 100-event requests at half of peak waited for a free one whenever the disk slowed, and in runs
  // without a disk stall their p99 was several times as high (docs/benchmarks.md). Single events rarely overlap
  // (overlapMinEvents).
  maxInFlight?: number;
  // While a group commit is in flight, another starts only once this many events wait (100 by default, a typical
  // SDK batch); fewer wait for it and then heldBackDelayMs more, and go together. Under single-event load this
  // means fewer, larger commits, with less CPU per event in Node and Postgres; batches of 100 still overlap.
  overlapMinEvents?: number;
  // 2 ms by default: on a busy 2-core machine the clients a commit answered took more than 1 ms to come back, and
  // commits shrank to half the connections (docs/benchmarks.md).
  heldBackDelayMs?: number;
  onFlush?: (stats: FlushStats) => void;
  // For each request, as its group commit starts: how long it waited in the queue (ms).
  onCommitStart?: (queuedMs: number) => void;
  // NOTIFY 'eventlog' at most this often while events arrive.
  notifyIntervalMs?: number;
  // Claim waiting requests' dedupe keys before their group commit, in its transaction (claimWaitingKeys). Takes up
  // to maxInFlight + 1 connections of its own; close() ends them.
  claimKeysEarly?: boolean;
  // Postgres ends a claiming transaction left idle this long (2 s by default); its commit then writes the ordinary
  // way. One normally waits a few milliseconds; a circle across collectors (see claimWaitingKeys) would hold it for
  // good.
  claimIdleTimeoutMs?: number;
};

export class EventLogUnavailableError extends Error {
  constructor(cause: unknown) {
    super("The event log database is unavailable", { cause });
  }
}

// keys: the events' dedupe keys, once claimWaitingKeys has computed them.
type Pending = { request: WriteRequest; queuedAt: number; resolve: (r: WriteResult) => void; reject: (e: unknown) => void; keys?: string[] };

// The next group commit's transaction, opened while its requests wait: the keys claimed in it so far, and how many
// requests at the head of the queue they came from.
type OpenCommit = { client: Promise<pg.PoolClient>; keys: Set<string>; requests: number; events: number };

// Fewer waiting events than this are not worth a statement of their own: at 16, single-event commits took two
// claims each, and the round trips cost more than the earlier inserts saved on a busy machine.
export const MIN_CLAIM_EVENTS = 32;

const MAX_REJECTED_PAYLOAD = 2_000;
const USAGE_SHARDS = 16;
// A segment owns the 8192 seqs from its own (0300_event_segments.sql).
const MAX_SEGMENT_EVENTS = 8_192;

// Group commit: requests queue their events; a flush writes everything queued in a single statement and then
// answers every request in it. While maxInFlight flushes run, new requests accumulate into the next one.
export class EventLogWriter {
  private readonly pool: pg.Pool;
  private readonly maxBatchEvents: number;
  private readonly maxDelayMs: number;
  private readonly maxInFlight: number;
  private readonly overlapMinEvents: number;
  private readonly heldBackDelayMs: number;
  // When the queued requests' window ends (performance.now()).
  private flushAt = 0;
  private readonly onFlush?: (stats: FlushStats) => void;
  private readonly onCommitStart?: (queuedMs: number) => void;
  private queue: Pending[] = [];
  private queuedEvents = 0;
  private timer: NodeJS.Timeout | undefined;
  // Each commit in flight, with the dedupe keys it writes while claims are on.
  private inFlight = new Map<Promise<void>, Set<string> | undefined>();
  private readonly seenIdentities = new SeenSet(200_000);
  private readonly seenLinks = new SeenSet(100_000);
  private readonly notifyIntervalMs: number;
  private notifyTimer: NodeJS.Timeout | undefined;
  private maxSeq = 0n;
  private notifiedSeq = 0n;
  private readonly claimPool: pg.Pool | undefined;
  private open: OpenCommit | undefined;

  constructor(o: EventLogWriterOptions) {
    this.pool = o.pool;
    this.maxBatchEvents = o.maxBatchEvents ?? 2_000;
    this.maxDelayMs = o.maxDelayMs ?? 1;
    this.maxInFlight = o.maxInFlight ?? 8;
    this.overlapMinEvents = o.overlapMinEvents ?? 100;
    this.heldBackDelayMs = o.heldBackDelayMs ?? 2;
    this.onFlush = o.onFlush;
    this.onCommitStart = o.onCommitStart;
    this.notifyIntervalMs = o.notifyIntervalMs ?? 20;
    if (o.claimKeysEarly) {
      // Pipeline mode: BEGIN and each claim go out without waiting for the one before, and the commit's statement
      // and its COMMIT in one round trip.
      const idleTimeout = `-c idle_in_transaction_session_timeout=${o.claimIdleTimeoutMs ?? 2_000}`;
      const options = [o.pool.options.options, idleTimeout].filter(Boolean).join(" ");
      this.claimPool = new pg.Pool({ ...o.pool.options, options, max: this.maxInFlight + 1, pipeline: true });
      this.claimPool.on("error", () => {});
      // An open commit's connection waits between queries, checked out and with no query of its own to fail when
      // the server goes away; the flush finds that out.
      this.claimPool.on("connect", (client) => client.on("error", () => {}));
    }
  }

  write(request: WriteRequest): Promise<WriteResult> {
    if (request.events.length === 0 && request.rejected.length === 0) return Promise.resolve({ inserted: 0, duplicates: 0 });
    return new Promise((resolve, reject) => {
      const now = performance.now();
      if (this.queue.length === 0) this.flushAt = now + this.maxDelayMs;
      this.queue.push({ request, queuedAt: now, resolve, reject });
      this.queuedEvents += request.events.length + request.rejected.length;
      this.schedule();
      if (this.claimPool) this.claimWaitingKeys(this.claimPool);
    });
  }

  // Writes everything queued; resolves when the queue is empty.
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.inFlight.size > 0) {
      if (this.queue.length > 0 && this.inFlight.size < this.maxInFlight) this.startFlush();
      else await Promise.race(this.inFlight.keys());
    }
  }

  // Drains, then closes the connections the writer opened itself.
  async close(): Promise<void> {
    await this.drain();
    await this.claimPool?.end();
  }

  // Requests wait up to maxDelayMs for their group commit, and a dedupe key at a random place in a large index is
  // the commit's most expensive part (6-10 µs each on the benchmark machine, docs/benchmarks.md). So while they
  // wait, their keys are inserted in the commit's own transaction, opened for it on a connection of its own; the
  // commit then writes only the rest. Claimed requests are always a head of the queue of at most maxBatchEvents
  // events, and the next flush takes them all. A repeated messageId fails the transaction, and the flush falls back
  // to writeEventBatch; so does a deadlock, possible only when two collectors claim the same new messageIds in
  // opposite orders at once.
  //
  // A key that a commit in flight still has to write is left to the final statement: claimed here, that commit
  // would wait on this transaction, which waits for that commit to end. Between collectors that wait can still
  // close a circle (each one's commit in flight waiting on the other's claims), which Postgres cannot see; the
  // claim connections' idle_in_transaction_session_timeout breaks it.
  private claimWaitingKeys(claimPool: pg.Pool) {
    const open = this.open;
    let end = open?.requests ?? 0;
    let events = open?.events ?? 0;
    let fresh = 0;
    while (end < this.queue.length) {
      const n = this.queue[end].request.events.length + this.queue[end].request.rejected.length;
      if (events + n > this.maxBatchEvents) break;
      events += n;
      fresh += this.queue[end].request.events.length;
      end++;
    }
    if (fresh < MIN_CLAIM_EVENTS) return;
    const commit = open ?? (this.open = this.openCommit(claimPool));
    const keys: string[] = [];
    for (let i = commit.requests; i < end; i++) {
      const p = this.queue[i];
      for (const key of pendingKeys(p)) {
        if (commit.keys.has(key) || this.isFlushing(key)) continue;
        commit.keys.add(key);
        keys.push(key);
      }
    }
    commit.requests = end;
    commit.events = events;
    if (keys.length === 0) return;
    const claimed = commit.client.then((client) => client.query({ name: "eventlog_claim_waiting_keys_v1", text: CLAIM_WAITING_KEYS_SQL, values: [uuidArray(keys)] }));
    // Its failure fails the transaction, which the flush finds out.
    claimed.catch(() => {});
  }

  private isFlushing(key: string): boolean {
    for (const keys of this.inFlight.values()) if (keys?.has(key)) return true;
    return false;
  }

  private openCommit(claimPool: pg.Pool): OpenCommit {
    const client = claimPool.connect().then((c) => {
      c.query("BEGIN").catch(() => {});
      return c;
    });
    client.catch(() => {});
    return { client, keys: new Set(), requests: 0, events: 0 };
  }

  private schedule() {
    if (this.inFlight.size >= this.maxInFlight) return;
    if (this.inFlight.size > 0 && this.queuedEvents < this.overlapMinEvents) return;
    const wait = this.flushAt - performance.now();
    if (this.queuedEvents >= this.maxBatchEvents || wait <= 0) this.startFlush();
    else this.timer ??= setTimeout(() => this.startFlush(), wait);
  }

  private startFlush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.inFlight.size >= this.maxInFlight || this.queue.length === 0) return;
    const batch: Pending[] = [];
    let count = 0;
    // Every request whose keys were claimed goes in: keys committed without their events would turn those events
    // into repeats. (Claims stop at maxBatchEvents, so this bound is the usual one.)
    const claimed = this.open?.requests ?? 0;
    while (this.queue.length > 0 && (batch.length < claimed || batch.length === 0 || count < this.maxBatchEvents)) {
      const p = this.queue.shift()!;
      count += p.request.events.length + p.request.rejected.length;
      batch.push(p);
    }
    this.queuedEvents -= count;
    if (this.onCommitStart) {
      const now = performance.now();
      for (const p of batch) this.onCommitStart(now - p.queuedAt);
    }
    const open = this.open;
    this.open = undefined;
    const flushing: Promise<void> = (open ? this.flushClaimed(batch, count, open) : this.flush(batch, count)).finally(() => {
      this.inFlight.delete(flushing);
      if (this.queue.length === 0) return;
      // Requests held back by this commit get a window of their own after it (heldBackDelayMs): the ones answered
      // by it come back within that window and go in the same commit, and single-event traffic settles into one
      // large commit per window instead of two half-size ones, each waiting on the other.
      if (this.queuedEvents < this.overlapMinEvents) this.flushAt = Math.max(this.flushAt, performance.now() + this.heldBackDelayMs);
      this.schedule();
    });
    this.inFlight.set(flushing, this.claimPool ? batchKeys(batch) : undefined);
    if (this.queue.length > 0) this.schedule();
  }

  private async flush(batch: Pending[], count: number): Promise<void> {
    const started = performance.now();
    try {
      const { results, maxSeq } = await this.writeWithRetry(batch);
      batch.forEach((p, i) => p.resolve(results[i]));
      if (maxSeq !== null) this.noteProgress(maxSeq);
      this.report(batch.length, count, started, true);
    } catch (err) {
      this.report(batch.length, count, started, false);
      if (isConnectionError(err) || batch.length === 1) {
        const failure = isConnectionError(err) ? new EventLogUnavailableError(err) : err;
        for (const p of batch) p.reject(failure);
        return;
      }
      // A data error fails only the request that caused it: retry the requests one by one.
      for (const p of batch) {
        try {
          const { results, maxSeq } = await this.writeWithRetry([p]);
          p.resolve(results[0]);
          if (maxSeq !== null) this.noteProgress(maxSeq);
        } catch (e) {
          p.reject(isConnectionError(e) ? new EventLogUnavailableError(e) : e);
        }
      }
    }
  }

  // A group commit whose keys were claimed while it waited: the rest of its write and COMMIT, in one round trip.
  private async flushClaimed(batch: Pending[], count: number, open: OpenCommit): Promise<void> {
    const started = performance.now();
    let client: pg.PoolClient | undefined;
    try {
      client = await open.client;
      const { results, maxSeq } = await writeClaimedBatch(client, batch, open.keys, this.seenIdentities, this.seenLinks);
      client.release();
      batch.forEach((p, i) => p.resolve(results[i]));
      if (maxSeq !== null) this.noteProgress(maxSeq);
      this.report(batch.length, count, started, true, open.keys.size);
    } catch (err) {
      if (client) {
        await client.query("ROLLBACK").catch(() => {});
        client.release(isConnectionError(err) ? (err as Error) : undefined);
      }
      // A repeated messageId, a deadlock between claims, a lost connection (even during COMMIT: whatever did commit
      // comes back as repeats): the ordinary write sorts each of these out.
      await this.flush(batch, count);
    }
  }

  private report(requests: number, events: number, started: number, ok: boolean, claimedEarly = 0) {
    this.onFlush?.({ requests, events, durationMs: performance.now() - started, ok, claimedEarly });
  }

  private noteProgress(seq: bigint) {
    if (seq > this.maxSeq) this.maxSeq = seq;
    this.notifyTimer ??= setTimeout(() => {
      this.notifyTimer = undefined;
      if (this.maxSeq <= this.notifiedSeq) return;
      const seq = this.maxSeq;
      this.pool.query(NOTIFY_SQL, [JSON.stringify({ maxSeq: seq.toString() })]).then(
        () => {
          if (seq > this.notifiedSeq) this.notifiedSeq = seq;
        },
        () => {},
      );
    }, this.notifyIntervalMs);
    this.notifyTimer.unref();
  }

  private async writeWithRetry(batch: Pending[]): Promise<BatchOutcome> {
    try {
      return await writeEventBatch(this.pool, batch, this.seenIdentities, this.seenLinks);
    } catch (err) {
      // Partitions are created ahead of time; if the clock outran them, create them now and try once more.
      const code = (err as { code?: string }).code;
      if (code === "23514" && /no partition/.test((err as Error).message)) {
        await ensurePartitions(this.pool);
        return writeEventBatch(this.pool, batch, this.seenIdentities, this.seenLinks);
      }
      // Deadlock or serialization failure between concurrent flushes: the statement rolled back whole; run it again.
      if (code === "40P01" || code === "40001") return writeEventBatch(this.pool, batch, this.seenIdentities, this.seenLinks);
      throw err;
    }
  }
}

// Every dedupe key a commit writes.
function batchKeys(batch: Pending[]): Set<string> {
  const keys = new Set<string>();
  for (const p of batch) for (const key of pendingKeys(p)) keys.add(key);
  return keys;
}

// A request's dedupe keys, computed once.
function pendingKeys(p: Pending): string[] {
  return (p.keys ??= p.request.events.map((e) => dedupeKey(p.request.workspaceId, e.messageId)));
}

// MTU identities and links this process has already committed: sending them again would change nothing (the
// inserts are idempotent), so they are skipped. Bounded; cleared when full.
class SeenSet {
  private set = new Set<string>();
  constructor(private readonly max: number) {}
  has(k: string) {
    return this.set.has(k);
  }
  addAll(keys: string[]) {
    if (this.set.size + keys.length > this.max) this.set.clear();
    for (const k of keys) this.set.add(k);
  }
}

type Segment = { workspaceId: string; sourceId: string; first: string; last: string; lines: string[] };

type BatchArrays = {
  // Every distinct dedupe key of the batch, repeats of earlier requests included (they are claimed, not stored).
  keys: string[];
  segments: Segment[];
  ids: { ws: string[]; month: string[]; kind: string[]; id: string[]; cacheKeys: string[] };
  links: { ws: string[]; anon: string[]; cacheKeys: string[] };
  rej: { ws: string[]; src: string[]; at: string[]; reason: string[]; idx: number[]; msg: (string | null)[]; payload: (string | null)[] };
};

// Splits the batch into segments and the side tables' rows. `repeats`: keys already stored by an earlier request;
// those events are counted and shown as duplicates instead of stored.
function buildArrays(requests: WriteRequest[], keys: string[][], results: WriteResult[], seenIdentities: SeenSet, seenLinks: SeenSet, repeats?: Set<string>): BatchArrays {
  const a: BatchArrays = {
    keys: [],
    segments: [],
    ids: { ws: [], month: [], kind: [], id: [], cacheKeys: [] },
    links: { ws: [], anon: [], cacheKeys: [] },
    rej: { ws: [], src: [], at: [], reason: [], idx: [], msg: [], payload: [] },
  };
  const open = new Map<string, Segment>();
  const seenKeys = new Set<string>();
  const batchIds = new Set<string>();
  const batchLinks = new Set<string>();
  const addIdentity = (ws: string, month: string, kind: "u" | "a", id: string) => {
    const k = `${ws}\u0000${month}\u0000${kind}\u0000${id}`;
    if (seenIdentities.has(k) || batchIds.has(k)) return;
    batchIds.add(k);
    a.ids.ws.push(ws);
    a.ids.month.push(month);
    a.ids.kind.push(kind);
    a.ids.id.push(id);
    a.ids.cacheKeys.push(k);
  };
  const addLink = (ws: string, anon: string) => {
    const k = `${ws}\u0000${anon}`;
    if (seenLinks.has(k) || batchLinks.has(k)) return;
    batchLinks.add(k);
    a.links.ws.push(ws);
    a.links.anon.push(anon);
    a.links.cacheKeys.push(k);
  };
  const addRejection = (r: WriteRequest, at: string, reason: string, index: number, messageId: string | null, payload: string | null) => {
    a.rej.ws.push(r.workspaceId);
    a.rej.src.push(r.sourceId);
    a.rej.at.push(at);
    a.rej.reason.push(reason);
    a.rej.idx.push(index);
    a.rej.msg.push(messageId === null ? null : messageId.slice(0, 200));
    a.rej.payload.push(payload === null ? null : payload.slice(0, MAX_REJECTED_PAYLOAD));
  };
  const segmentFor = (r: WriteRequest, at: string) => {
    const k = `${r.workspaceId}\u0000${r.sourceId}\u0000${at.slice(0, 10)}`;
    let seg = open.get(k);
    if (!seg || seg.lines.length >= MAX_SEGMENT_EVENTS) {
      seg = { workspaceId: r.workspaceId, sourceId: r.sourceId, first: at, last: at, lines: [] };
      open.set(k, seg);
      a.segments.push(seg);
    }
    return seg;
  };
  // Events of one request share its receivedAt Date: format it once.
  let isoOf: Date | undefined;
  let iso = "";
  const toIso = (d: Date) => (d === isoOf ? iso : ((isoOf = d), (iso = d.toISOString())));
  requests.forEach((r, ri) => {
    r.events.forEach((e, ei) => {
      const key = keys[ri][ei];
      const at = toIso(e.receivedAt);
      // Within one batch a messageId may appear once; later copies are duplicates of the first.
      if (seenKeys.has(key) || repeats?.has(key)) {
        results[ri].duplicates++;
        addRejection(r, at, "duplicate", e.index, e.messageId, e.payload);
        if (!seenKeys.has(key)) {
          seenKeys.add(key);
          a.keys.push(key);
        }
        return;
      }
      seenKeys.add(key);
      a.keys.push(key);
      results[ri].inserted++;
      const seg = segmentFor(r, at);
      seg.lines.push(e.payload);
      seg.last = at;
      const month = `${at.slice(0, 7)}-01`;
      if (e.userId !== null) addIdentity(r.workspaceId, month, "u", e.userId);
      else if (e.anonymousId !== null) addIdentity(r.workspaceId, month, "a", e.anonymousId);
      if (e.userId !== null && e.anonymousId !== null) addLink(r.workspaceId, e.anonymousId);
      if (e.type === "alias" && e.previousId !== null) addLink(r.workspaceId, e.previousId);
    });
    for (const x of r.rejected) {
      const item = x.item as Record<string, unknown> | undefined;
      const messageId = item && typeof item === "object" && typeof item.messageId === "string" ? item.messageId : null;
      addRejection(r, toIso(r.receivedAt), x.reason, x.index, messageId, x.item === undefined ? null : JSON.stringify(x.item));
    }
  });
  return a;
}

// The keys as a uuid[] in PostgreSQL's binary array format, which the driver sends as is (a Buffer): the server
// then copies 16 bytes per key instead of parsing a text literal. Header: dimensions, has-nulls flag, element type
// (uuid), length, lower bound; then each element's length and bytes.
const UUID_OID = 2950;
function uuidArray(keys: string[]): Buffer {
  const b = Buffer.allocUnsafe(20 + keys.length * 20);
  b.writeInt32BE(1, 0);
  b.writeInt32BE(0, 4);
  b.writeInt32BE(UUID_OID, 8);
  b.writeInt32BE(keys.length, 12);
  b.writeInt32BE(1, 16);
  let at = 20;
  for (const key of keys) {
    b.writeInt32BE(16, at);
    b.write(key, at + 4, 16, "hex");
    at += 20;
  }
  return b;
}

// The write statement for this batch and its values, in the order writeSegmentsSql numbers them.
function writeStatement(a: BatchArrays, withKeys: boolean): pg.QueryConfig {
  const s = a.segments;
  const payloads = s.map((x) => Buffer.from(x.lines.join("\n")));
  const parts = { keys: withKeys, identities: a.ids.ws.length > 0, links: a.links.ws.length > 0, rejections: a.rej.ws.length > 0 };
  const values: unknown[] = [
    s.map((x) => x.lines.length), s.map((x) => x.workspaceId), s.map((x) => x.sourceId), s.map((x) => x.first), s.map((x) => x.last),
    payloads.map((b) => b.length), payloads.length === 1 ? payloads[0] : Buffer.concat(payloads),
    Math.floor(Math.random() * USAGE_SHARDS),
  ];
  if (parts.keys) values.push(uuidArray(a.keys));
  if (parts.identities) values.push(a.ids.ws, a.ids.month, a.ids.kind, a.ids.id);
  if (parts.links) values.push(a.links.ws, a.links.anon);
  if (parts.rejections) values.push(a.rej.ws, a.rej.src, a.rej.at, a.rej.reason, a.rej.idx, a.rej.msg, a.rej.payload);
  return { ...writeSegmentsSql(parts), values };
}

type BatchOutcome = { results: WriteResult[]; maxSeq: bigint | null };

async function writeClaimedBatch(client: pg.PoolClient, batch: Pending[], claimed: Set<string>, seenIdentities: SeenSet, seenLinks: SeenSet): Promise<BatchOutcome> {
  const requests = batch.map((p) => p.request);
  const keys = batch.map(pendingKeys);
  const results = requests.map(() => ({ inserted: 0, duplicates: 0 }));
  const a = buildArrays(requests, keys, results, seenIdentities, seenLinks);
  const rest = a.keys.filter((k) => !claimed.has(k));
  const [written, committed] = await Promise.allSettled([client.query<Row>(writeStatement({ ...a, keys: rest }, rest.length > 0)), client.query("COMMIT")]);
  if (written.status === "rejected") throw written.reason;
  if (committed.status === "rejected") throw committed.reason;
  // COMMIT of a transaction a failed claim aborted ends it as ROLLBACK.
  if (committed.value.command !== "COMMIT") throw new Error("The group commit's transaction was rolled back.");
  return committedBatch(a, written.value, results, seenIdentities, seenLinks);
}

type Row = { max_seq: string | null };

// After a commit: its identities and links are known from now on; the outcome for the requests and listeners.
function committedBatch(a: BatchArrays, res: pg.QueryResult<Row>, results: WriteResult[], seenIdentities: SeenSet, seenLinks: SeenSet): BatchOutcome {
  seenIdentities.addAll(a.ids.cacheKeys);
  seenLinks.addAll(a.links.cacheKeys);
  const maxSeq = res.rows[0]?.max_seq;
  return { results, maxSeq: maxSeq ? BigInt(maxSeq) : null };
}

async function writeEventBatch(pool: pg.Pool, batch: Pending[], seenIdentities: SeenSet, seenLinks: SeenSet): Promise<BatchOutcome> {
  const requests = batch.map((p) => p.request);
  const keys = batch.map(pendingKeys);
  const fresh = () => requests.map(() => ({ inserted: 0, duplicates: 0 }));
  let results = fresh();
  let a = buildArrays(requests, keys, results, seenIdentities, seenLinks);
  let res: pg.QueryResult<Row>;
  try {
    res = await pool.query<Row>(writeStatement(a, true));
  } catch (err) {
    const e = err as { code?: string; constraint?: string };
    if (e.code !== "23505" || e.constraint !== "message_ids_pkey") throw err;
    ({ res, results, a } = await writeWithRepeats());
  }
  return committedBatch(a, res, results, seenIdentities, seenLinks);

  async function writeWithRepeats() {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const claimed = await client.query<{ key: string }>({ name: "eventlog_claim_keys_v1", text: CLAIM_KEYS_SQL, values: [uuidArray(a.keys)] });
      const isNew = new Set(claimed.rows.map((r) => r.key));
      const results = fresh();
      const arrays = buildArrays(requests, keys, results, seenIdentities, seenLinks, new Set(a.keys.filter((k) => !isNew.has(k))));
      const res = await client.query<Row>(writeStatement(arrays, false));
      await client.query("COMMIT");
      return { res, results, a: arrays };
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }
}
