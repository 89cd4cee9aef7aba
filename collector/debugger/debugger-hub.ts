import type { ServerResponse } from "node:http";
import pg from "pg";
import { compareCursors, maxCursor, readDebuggerRows, type Cursor, type DebuggerRow } from "./read-debugger-rows";

// Fans the event log out to this process's debugger streams. Every collector process has its own hub, and all of
// them read the shared log, so an event received by any collector reaches every stream.
//
// One LISTEN connection per process wakes the hub when a writer reports progress (channel `eventlog`, throttled by
// the writer); a short poll, only while someone watches, covers rejection-only writes and lost notifications. A "round" reads, once for all streams,
// what committed after the hub's cursor H in the workspaces being watched, and writes each row to the streams it
// concerns. A stream is "live" when it has everything up to H; until then (just opened, resumed with Last-Event-ID,
// or fallen behind) it catches up on its own, reading the log from its own cursor, a page at a time.
//
// Memory per stream is bounded: rows are written only while the socket's buffer is under `highWaterBytes`. A stream
// whose client stops reading leaves the live set and resumes from the log (no gap) when the socket drains; if it
// stays full for `stallTimeoutMs`, the stream is closed and the client reconnects with Last-Event-ID.

export type HubSubscriber = {
  workspaceId: string;
  sourceIds: ReadonlySet<string> | null;
  res: ServerResponse;
  cursor: Cursor;
  live: boolean;
  catching: boolean;
  closed: boolean;
};

export type DebuggerHubOptions = {
  pool: pg.Pool;
  log?: { warn: (obj: object, msg: string) => void };
  pollMs?: number;
  highWaterBytes?: number;
  stallTimeoutMs?: number;
  // Rows per read: for a catch-up page, and for a round.
  pageSize?: number;
  roundSize?: number;
};

const CHANNELS = ["eventlog"];

export class DebuggerHub {
  private readonly pool: pg.Pool;
  private readonly log?: DebuggerHubOptions["log"];
  private readonly pollMs: number;
  readonly highWaterBytes: number;
  private readonly stallTimeoutMs: number;
  private readonly pageSize: number;
  private readonly roundSize: number;
  private readonly subs = new Set<HubSubscriber>();
  private hubCursor: Cursor = { tx: 0n, seq: 0n };
  private listener: pg.Client | null = null;
  private listening: Promise<void> | null = null;
  private poll: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  private closed = false;

  constructor(o: DebuggerHubOptions) {
    this.pool = o.pool;
    this.log = o.log;
    this.pollMs = o.pollMs ?? 250;
    this.highWaterBytes = o.highWaterBytes ?? 256 * 1024;
    this.stallTimeoutMs = o.stallTimeoutMs ?? 30_000;
    this.pageSize = o.pageSize ?? 200;
    this.roundSize = o.roundSize ?? 500;
  }

  // The position "now": everything committed so far lies before it.
  async now(): Promise<Cursor> {
    const res = await this.pool.query<{ xmin: string }>(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`);
    return { tx: BigInt(res.rows[0].xmin), seq: 0n };
  }

  // Starts a stream at `after` (exclusive), or now. Rows are written to `res` until unsubscribe().
  // `onStart` runs before any row is written, with the start position.
  async subscribe(o: {
    workspaceId: string;
    sourceIds: string[] | null;
    res: ServerResponse;
    after: Cursor | null;
    onStart?: (cursor: Cursor) => void;
  }): Promise<HubSubscriber> {
    await this.startListening();
    const now = await this.now();
    // Nobody was watching, so the hub's cursor is stale: start it at now (synchronously with adding the stream).
    if (this.subs.size === 0) this.hubCursor = now;
    const sub: HubSubscriber = {
      workspaceId: o.workspaceId,
      sourceIds: o.sourceIds ? new Set(o.sourceIds) : null,
      res: o.res,
      cursor: o.after ?? now,
      live: false,
      catching: false,
      closed: false,
    };
    this.subs.add(sub);
    o.onStart?.(sub.cursor);
    this.poll ??= setInterval(() => void this.round(), this.pollMs);
    void this.catchUp(sub);
    return sub;
  }

  unsubscribe(sub: HubSubscriber) {
    sub.closed = true;
    sub.live = false;
    this.subs.delete(sub);
    if (this.subs.size === 0 && this.poll) {
      clearInterval(this.poll);
      this.poll = undefined;
    }
  }

  stats() {
    let maxBuffered = 0;
    for (const s of this.subs) maxBuffered = Math.max(maxBuffered, s.res.writableLength);
    return { subscribers: this.subs.size, live: [...this.subs].filter((s) => s.live).length, maxBuffered };
  }

  async close() {
    this.closed = true;
    for (const sub of [...this.subs]) {
      this.unsubscribe(sub);
      sub.res.end();
    }
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => {});
  }

  private startListening(): Promise<void> {
    if (this.listening) return this.listening;
    const attempt = async () => {
      const client = new pg.Client(this.pool.options);
      client.on("notification", () => void this.round());
      client.on("error", () => {});
      client.on("end", () => {
        if (this.listener !== client || this.closed) return;
        // Lost the connection: reconnect; the poll keeps streams going meanwhile.
        this.listener = null;
        this.listening = null;
        setTimeout(() => {
          if (!this.closed) this.startListening().catch(() => {});
        }, 1_000).unref();
      });
      await client.connect();
      for (const channel of CHANNELS) await client.query(`LISTEN ${channel}`);
      if (this.closed) {
        await client.end();
        return;
      }
      this.listener = client;
    };
    this.listening = attempt().catch((err) => {
      this.listening = null;
      this.log?.warn({ err }, "debugger: LISTEN failed; polling only");
    });
    return this.listening;
  }

  private matches(sub: HubSubscriber, row: DebuggerRow): boolean {
    return row.workspaceId === sub.workspaceId && (sub.sourceIds === null || sub.sourceIds.has(row.sourceId));
  }

  // One read for all streams. Coalesces: a wake-up during a round runs one more round after it.
  private async round(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        if (this.subs.size === 0 || this.closed) break;
        const members = new Set(this.subs);
        const workspaceIds = [...new Set([...members].map((s) => s.workspaceId))];
        const from = this.hubCursor;
        const { rows, xmin } = await readDebuggerRows(this.pool, { after: from, workspaceIds, sourceIds: null, limit: this.roundSize });
        let next = rows.length > 0 ? rows[rows.length - 1].cursor : from;
        if (rows.length < this.roundSize) next = maxCursor(next, { tx: xmin, seq: 0n });
        else this.again = true;
        // The cursor was reset while reading (every stream closed, then a new one opened): this round is stale.
        if (compareCursors(this.hubCursor, from) !== 0) {
          this.again = true;
          continue;
        }
        this.hubCursor = next;
        this.dispatch(rows, members, next);
      } while (this.again);
    } catch (err) {
      this.log?.warn({ err }, "debugger: read failed");
    } finally {
      this.running = false;
    }
  }

  private dispatch(rows: DebuggerRow[], members: Set<HubSubscriber>, upTo: Cursor) {
    for (const sub of this.subs) {
      if (!sub.live) continue;
      // Went live during the round, whose read may not have covered its workspace: catch up from the log instead.
      if (!members.has(sub)) {
        sub.live = false;
        void this.catchUp(sub);
        continue;
      }
      for (const row of rows) {
        if (!this.matches(sub, row) || compareCursors(row.cursor, sub.cursor) <= 0) continue;
        if (sub.res.writableLength > this.highWaterBytes) {
          // The client is not keeping up: stop writing; it resumes from the log once the socket drains.
          sub.live = false;
          void this.catchUp(sub);
          break;
        }
        sub.res.write(row.frame);
        sub.cursor = row.cursor;
      }
      if (sub.live) sub.cursor = maxCursor(sub.cursor, upTo);
    }
  }

  private async catchUp(sub: HubSubscriber): Promise<void> {
    if (sub.catching || sub.closed) return;
    sub.catching = true;
    try {
      while (!sub.closed) {
        if (compareCursors(sub.cursor, this.hubCursor) >= 0) {
          sub.live = true;
          return;
        }
        if (sub.res.writableLength > this.highWaterBytes && !(await this.drained(sub))) {
          sub.res.destroy();
          return;
        }
        const { rows, xmin } = await readDebuggerRows(this.pool, {
          after: sub.cursor,
          workspaceIds: [sub.workspaceId],
          sourceIds: sub.sourceIds ? [...sub.sourceIds] : null,
          limit: this.pageSize,
        });
        if (sub.closed) return;
        let written = 0;
        for (const row of rows) {
          if (sub.res.writableLength > this.highWaterBytes) break;
          sub.res.write(row.frame);
          sub.cursor = row.cursor;
          written++;
        }
        if (written === rows.length && rows.length < this.pageSize) sub.cursor = maxCursor(sub.cursor, { tx: xmin, seq: 0n });
      }
    } catch (err) {
      this.log?.warn({ err }, "debugger: catch-up failed");
      sub.res.destroy();
    } finally {
      sub.catching = false;
    }
  }

  // Resolves true when the socket drains, false when it stays full for stallTimeoutMs or closes.
  private drained(sub: HubSubscriber): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        sub.res.off("drain", onDrain);
        sub.res.off("close", onClose);
        resolve(ok);
      };
      const onDrain = () => done(true);
      const onClose = () => done(false);
      const timer = setTimeout(() => done(false), this.stallTimeoutMs);
      sub.res.on("drain", onDrain);
      sub.res.on("close", onClose);
    });
  }
}
