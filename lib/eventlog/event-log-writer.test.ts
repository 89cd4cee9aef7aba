import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/pool";
import { getEnv } from "@/lib/env";
import type { NormalizedEvent } from "@/pipeline/normalize-events";
import { waitFor } from "@/tests/helpers/delivery";
import { seedSource, seedWorkspace } from "@/tests/helpers/seed-source";
import { dedupeKey } from "./dedupe-key";
import { EventLogWriter, MIN_CLAIM_EVENTS, type FlushStats } from "./event-log-writer";

afterAll(async () => {
  await getPool().end();
});

function event(index: number, receivedAt: Date, name: string, messageId: string = randomUUID()): NormalizedEvent {
  const payload = { type: "track", event: name, userId: "u1", messageId, receivedAt: receivedAt.toISOString() };
  return { index, messageId, type: "track", event: name, userId: "u1", anonymousId: null, previousId: null, receivedAt, payload: JSON.stringify(payload) };
}

describe("event log writer", () => {
  it("cuts one group commit into a segment per source and UTC day, and counts usage on the right day", async () => {
    const ws = await seedWorkspace();
    const a = await seedSource({ workspaceId: ws.id });
    const b = await seedSource({ workspaceId: ws.id });
    // A long-lived window: all four requests land in one flush.
    const writer = new EventLogWriter({ pool: getPool(), maxDelayMs: 50 });
    const beforeMidnight = new Date("2026-11-21T23:59:59.990Z");
    const afterMidnight = new Date("2026-11-22T00:00:00.010Z");
    await getPool().query(`SELECT eventlog.create_segment_partition(d::date) FROM unnest($1::text[]) d`, [["2026-11-21", "2026-11-22"]]);
    const results = await Promise.all([
      writer.write({ workspaceId: ws.id, sourceId: a.sourceId, receivedAt: beforeMidnight, events: [event(0, beforeMidnight, "A1"), event(1, beforeMidnight, "A2")], rejected: [] }),
      writer.write({ workspaceId: ws.id, sourceId: b.sourceId, receivedAt: beforeMidnight, events: [event(0, beforeMidnight, "B1")], rejected: [] }),
      writer.write({ workspaceId: ws.id, sourceId: a.sourceId, receivedAt: afterMidnight, events: [event(0, afterMidnight, "A3")], rejected: [] }),
      writer.write({ workspaceId: ws.id, sourceId: b.sourceId, receivedAt: afterMidnight, events: [event(0, afterMidnight, "B2"), event(1, afterMidnight, "B3")], rejected: [] }),
    ]);
    expect(results).toEqual([{ inserted: 2, duplicates: 0 }, { inserted: 1, duplicates: 0 }, { inserted: 1, duplicates: 0 }, { inserted: 2, duplicates: 0 }]);

    const segments = await getPool().query<{ source_id: string; day: string; count: number; events: string[]; tx: string }>(
      `SELECT source_id, to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count,
              ARRAY(SELECT (line::jsonb) ->> 'event' FROM string_to_table(payloads, E'\\n') AS line) AS events, tx_id::text AS tx
         FROM eventlog.segments WHERE workspace_id = $1 ORDER BY seq`,
      [ws.id],
    );
    expect(segments.rows.map(({ tx, ...s }) => s)).toEqual([
      { source_id: a.sourceId, day: "2026-11-21", count: 2, events: ["A1", "A2"] },
      { source_id: b.sourceId, day: "2026-11-21", count: 1, events: ["B1"] },
      { source_id: a.sourceId, day: "2026-11-22", count: 1, events: ["A3"] },
      { source_id: b.sourceId, day: "2026-11-22", count: 2, events: ["B2", "B3"] },
    ]);
    expect(new Set(segments.rows.map((s) => s.tx)).size).toBe(1);

    const usage = await getPool().query<{ source_id: string; day: string; events: string }>(
      `SELECT source_id, to_char(day, 'YYYY-MM-DD') AS day, sum(events)::text AS events FROM eventlog.usage_daily
        WHERE workspace_id = $1 GROUP BY 1, 2 ORDER BY 2, 1`,
      [ws.id],
    );
    const expected = [
      { source_id: a.sourceId, day: "2026-11-21", events: "2" },
      { source_id: b.sourceId, day: "2026-11-21", events: "1" },
      { source_id: a.sourceId, day: "2026-11-22", events: "1" },
      { source_id: b.sourceId, day: "2026-11-22", events: "2" },
    ];
    expect(usage.rows).toEqual(expected.sort((x, y) => x.day.localeCompare(y.day) || x.source_id.localeCompare(y.source_id)));
  });

  it("keeps a payload's bytes exactly, multi-byte characters and escapes included, across several segments", async () => {
    const a = await seedSource();
    const b = await seedSource({ workspaceId: a.workspaceId });
    const writer = new EventLogWriter({ pool: getPool(), maxDelayMs: 50 });
    const now = new Date();
    const names = ["héllo wörld", "😀 emoji", 'quote " and \\ backslash', "line\nbreak", "日本語"];
    await Promise.all(
      names.map((name, i) => writer.write({ workspaceId: a.workspaceId, sourceId: i % 2 ? a.sourceId : b.sourceId, receivedAt: now, events: [event(0, now, name)], rejected: [] })),
    );
    const stored = await getPool().query<{ event: string }>(
      `SELECT event FROM eventlog.events WHERE workspace_id = $1 ORDER BY tx_id, seq`,
      [a.workspaceId],
    );
    expect(stored.rows.map((r) => r.event).sort()).toEqual([...names].sort());
  });

  it("while a commit is in flight, holds small requests back and writes them together, but overlaps big ones; reports each one's wait", async () => {
    const src = await seedSource();
    const flushes: FlushStats[] = [];
    const queuedMs: number[] = [];
    const writer = new EventLogWriter({ pool: getPool(), onFlush: (f) => flushes.push(f), onCommitStart: (ms) => queuedMs.push(ms) });
    const now = new Date();
    const write = (n: number) =>
      writer.write({ workspaceId: src.workspaceId, sourceId: src.sourceId, receivedAt: now, events: Array.from({ length: n }, (_, i) => event(i, now, "Held")), rejected: [] });
    // Stall the first commit: it waits for this lock on the usage counters.
    const blocker = await getPool().connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query("LOCK TABLE eventlog.usage_daily IN EXCLUSIVE MODE");
      const first = write(1);
      await new Promise((r) => setTimeout(r, 50));
      const small = Array.from({ length: 10 }, () => write(1));
      await new Promise((r) => setTimeout(r, 50));
      // 10 events wait, fewer than overlapMinEvents (100): no second commit yet.
      expect(flushes).toEqual([]);
      const big = write(100);
      await new Promise((r) => setTimeout(r, 50));
      await blocker.query("COMMIT");
      await Promise.all([first, ...small, big]);
    } finally {
      blocker.release();
    }
    // The first commit alone, then the held ones with the big request that let them overlap (either may end first).
    expect(flushes.map((f) => [f.requests, f.events]).sort((a, b) => a[1] - b[1])).toEqual([[1, 1], [11, 110]]);
    // The first request waited out its window, the held ones until the big one came 50 ms later, which waited for
    // nothing.
    expect(queuedMs).toHaveLength(12);
    expect(queuedMs[0]).toBeGreaterThan(0);
    expect(queuedMs[0]).toBeLessThan(40);
    for (const ms of queuedMs.slice(1, 11)) expect(ms).toBeGreaterThanOrEqual(45);
    expect(queuedMs[11]).toBeLessThan(5);
  });

  it("overlaps the commits of up to 8 big requests by default; later ones wait for a free commit and go together", async () => {
    const src = await seedSource();
    const flushes: FlushStats[] = [];
    // The writer's own pool, counting the statements it starts (without claims, each commit is one pool.query).
    const pool = new pg.Pool({ connectionString: getEnv().DATABASE_URL, max: 10 });
    let started = 0;
    const query = pool.query.bind(pool);
    pool.query = ((...args: Parameters<typeof query>) => {
      started++;
      return query(...args);
    }) as typeof pool.query;
    const writer = new EventLogWriter({ pool, onFlush: (f) => flushes.push(f) });
    const now = new Date();
    const write = () =>
      writer.write({ workspaceId: src.workspaceId, sourceId: src.sourceId, receivedAt: now, events: Array.from({ length: 100 }, (_, i) => event(i, now, "Overlapped")), rejected: [] });
    const blocker = await getPool().connect();
    const writes: Promise<unknown>[] = [];
    try {
      await blocker.query("BEGIN");
      // Every commit waits for this lock on the usage counters.
      await blocker.query("LOCK TABLE eventlog.usage_daily IN EXCLUSIVE MODE");
      for (let i = 1; i <= 8; i++) {
        writes.push(write());
        await waitFor(() => started, (n) => n === i, 5_000, `commit ${i} started`);
      }
      writes.push(write(), write());
      await sleep(200);
      expect(started).toBe(8);
      await blocker.query("COMMIT");
      await Promise.all(writes);
    } finally {
      // Ends the lock when the test failed before its COMMIT, so the commits waiting on it end too.
      await blocker.query("ROLLBACK");
      blocker.release();
      await Promise.allSettled(writes);
      await pool.end();
    }
    expect(flushes.map((f) => [f.requests, f.events]).sort((a, b) => a[1] - b[1])).toEqual([...Array.from({ length: 8 }, () => [1, 100]), [2, 200]]);
  });

  it("gives the requests a commit held back a window of their own after it, so the ones it answers can join them", async () => {
    const src = await seedSource();
    const flushes: FlushStats[] = [];
    const writer = new EventLogWriter({ pool: getPool(), maxDelayMs: 200, heldBackDelayMs: 500, onFlush: (f) => flushes.push(f) });
    const now = new Date();
    const write = () => writer.write({ workspaceId: src.workspaceId, sourceId: src.sourceId, receivedAt: now, events: [event(0, now, "Windowed")], rejected: [] });
    const blocker = await getPool().connect();
    let held: Promise<unknown>[];
    try {
      await blocker.query("BEGIN");
      await blocker.query("LOCK TABLE eventlog.usage_daily IN EXCLUSIVE MODE");
      const first = write();
      // Its window ends; its commit waits for the lock.
      await new Promise((r) => setTimeout(r, 250));
      expect(flushes).toEqual([]);
      // These wait longer than maxDelayMs for the first commit.
      held = Array.from({ length: 10 }, () => write());
      await new Promise((r) => setTimeout(r, 300));
      await blocker.query("COMMIT");
      await first;
    } finally {
      blocker.release();
    }
    // The first commit's clients send their next requests shortly after: they go with the held ones.
    await new Promise((r) => setTimeout(r, 20));
    await Promise.all([...held, ...Array.from({ length: 5 }, () => write())]);
    expect(flushes.map((f) => [f.requests, f.events])).toEqual([[1, 1], [15, 15]]);
  });

  it("stores a messageId that carries its creation time once, under a key with that time first", async () => {
    const src = await seedSource();
    const writer = new EventLogWriter({ pool: getPool(), maxDelayMs: 20 });
    try {
      const ms = Date.now();
      // Two SDK ids of one millisecond, the collector's own, a UUIDv7 and one without a time.
      const ids = [`ajs-next-${ms}-${randomUUID()}`, `ajs-next-${ms}-${randomUUID()}`, `node-next-${ms}-${randomUUID()}`, `sy-${ms}-${randomUUID()}`, "01846c3d-5f9b-7abc-9def-0123456789ab", randomUUID()];
      const write = (list: string[]) => {
        const now = new Date();
        return writer.write({ workspaceId: src.workspaceId, sourceId: src.sourceId, receivedAt: now, events: list.map((id, i) => event(i, now, "Timed", id)), rejected: [] });
      };
      expect(await write(ids)).toEqual({ inserted: ids.length, duplicates: 0 });
      expect(await write([...ids].reverse())).toEqual({ inserted: 0, duplicates: ids.length });
      const stored = await getPool().query<{ id: string }>(`SELECT message_id AS id FROM eventlog.events WHERE source_id = $1`, [src.sourceId]);
      expect(stored.rows.map((r) => r.id).sort()).toEqual([...ids].sort());
      const keys = ids.map((id) => dedupeKey(src.workspaceId, id));
      const found = await getPool().query<{ key: string }>(`SELECT replace(key::text, '-', '') AS key FROM eventlog.message_ids WHERE key = ANY($1::uuid[])`, [keys]);
      expect(found.rows.map((r) => r.key).sort()).toEqual([...keys].sort());
      const msHex = ms.toString(16).padStart(12, "0");
      expect(keys.filter((k) => k.startsWith(msHex))).toHaveLength(4);
    } finally {
      await writer.close();
    }
  });

  describe("claiming dedupe keys while requests wait", () => {
    // Claims go out per this many waiting events; a group of G single-event requests is claimed once.
    const C = MIN_CLAIM_EVENTS;
    const G = C + 4;
    const request = (src: { workspaceId: string; sourceId: string }, ids: string[]) => {
      const now = new Date();
      return { workspaceId: src.workspaceId, sourceId: src.sourceId, receivedAt: now, events: ids.map((id, i) => event(i, now, "Claimed", id)), rejected: [] };
    };
    // The ids sorted by their dedupe keys: the order in which a commit inserts them.
    const inKeyOrder = async (workspaceId: string, ids: string[]) =>
      (await getPool().query<{ id: string }>(`SELECT id FROM unnest($2::text[]) id ORDER BY eventlog.dedupe_key($1, id)`, [workspaceId, ids])).rows.map((r) => r.id);
    // Another transaction holding these ids' keys, uncommitted: a writer inserting one of them waits for it.
    const holdKeys = async (workspaceId: string, ids: string[]) => {
      const client = await getPool().connect();
      await client.query("BEGIN");
      await client.query(`INSERT INTO eventlog.message_ids (key) SELECT eventlog.dedupe_key($1, id) FROM unnest($2::text[]) id`, [workspaceId, ids]);
      return client;
    };
    const within = <T>(ms: number, work: Promise<T>) =>
      Promise.race([work, sleep(ms).then(() => Promise.reject(new Error(`still waiting after ${ms} ms: the commits wait on each other`)))]);
    const keysStored = async (workspaceId: string, ids: string[]) =>
      Number(
        (await getPool().query<{ n: string }>(`SELECT count(*)::text AS n FROM eventlog.message_ids WHERE key IN (SELECT eventlog.dedupe_key($1, id) FROM unnest($2::text[]) id)`, [workspaceId, ids]))
          .rows[0].n,
      );
    const storedIds = async (sourceId: string) =>
      (await getPool().query<{ id: string }>(`SELECT message_id AS id FROM eventlog.events WHERE source_id = $1`, [sourceId])).rows.map((r) => r.id).sort();

    it("writes the keys of waiting requests in the group commit's own transaction, invisible until it commits", async () => {
      const src = await seedSource();
      const flushes: FlushStats[] = [];
      const writer = new EventLogWriter({ pool: getPool(), maxDelayMs: 300, claimKeysEarly: true, onFlush: (f) => flushes.push(f) });
      try {
        const now = new Date();
        const ids = Array.from({ length: 2 * C + C / 2 }, () => randomUUID());
        const writes = ids.map((id) => writer.write({ workspaceId: src.workspaceId, sourceId: src.sourceId, receivedAt: now, events: [event(0, now, "Early", id)], rejected: [] }));
        await new Promise((r) => setTimeout(r, 150));
        // Claimed (C at the C-th request, C more at the 2C-th) but not committed.
        expect(await keysStored(src.workspaceId, ids)).toBe(0);
        expect(flushes).toEqual([]);
        expect(await Promise.all(writes)).toEqual(ids.map(() => ({ inserted: 1, duplicates: 0 })));
        expect(flushes.map((f) => [f.requests, f.events, f.claimedEarly])).toEqual([[ids.length, ids.length, 2 * C]]);
        expect(await keysStored(src.workspaceId, ids)).toBe(ids.length);
        expect(await storedIds(src.sourceId)).toEqual([...ids].sort());
      } finally {
        await writer.close();
      }
    });

    it("stores a messageId once when it repeats one already stored, or another waiting request's, or another writer's", async () => {
      const src = await seedSource();
      const flushes: FlushStats[] = [];
      const options = { pool: getPool(), maxDelayMs: 100, claimKeysEarly: true, onFlush: (f: FlushStats) => flushes.push(f) };
      const writer = new EventLogWriter(options);
      const other = new EventLogWriter(options);
      const now = new Date();
      const write = (w: EventLogWriter, ids: string[]) =>
        Promise.all(ids.map((id) => w.write({ workspaceId: src.workspaceId, sourceId: src.sourceId, receivedAt: now, events: [event(0, now, "Dup", id)], rejected: [] })));
      const total = (results: { inserted: number; duplicates: number }[]) => results.reduce((a, r) => [a[0] + r.inserted, a[1] + r.duplicates], [0, 0]);
      try {
        const first = Array.from({ length: G }, (_, i) => `first-${i}`);
        expect(total(await write(writer, first))).toEqual([G, 0]);

        // Half of them repeats: the claim fails, the commit's transaction rolls back, and the ordinary write keeps
        // the new half.
        const mixed = [...first.slice(0, G / 2), ...Array.from({ length: G / 2 }, (_, i) => `second-${i}`)];
        expect(total(await write(writer, mixed))).toEqual([G / 2, G / 2]);
        expect(flushes.at(-1)).toMatchObject({ requests: G, ok: true, claimedEarly: 0 });

        // The same messageId twice among the first C waiting requests, the ones claimed.
        const distinct = Array.from({ length: G - 1 }, (_, i) => `third-${i}`);
        const twice = [...distinct.slice(0, 5), "third-0", ...distinct.slice(5)];
        expect(total(await write(writer, twice))).toEqual([G - 1, 1]);
        expect(flushes.at(-1)).toMatchObject({ requests: G, claimedEarly: C - 1 });

        // Two writers (two collectors) claiming the same new messageIds at once.
        const shared = Array.from({ length: G }, (_, i) => `fourth-${i}`);
        const [a, b] = await Promise.all([write(writer, shared), write(other, shared)]);
        expect(total([...a, ...b])).toEqual([G, G]);

        expect(await storedIds(src.sourceId)).toEqual([...first, ...mixed.slice(G / 2), ...distinct, ...shared].sort());
      } finally {
        await Promise.all([writer.close(), other.close()]);
      }
    });

    it("leaves a key that a commit in flight still has to write to the final statement, so that commit never waits on its successor", async () => {
      const src = await seedSource();
      // No idle timeout to end the wait, should there be one.
      const writer = new EventLogWriter({ pool: getPool(), maxDelayMs: 20, claimKeysEarly: true, claimIdleTimeoutMs: 600_000 });
      const [first, second] = await inKeyOrder(src.workspaceId, [randomUUID(), randomUUID()]);
      const fresh = Array.from({ length: C - 1 }, () => randomUUID());
      const blocker = await holdKeys(src.workspaceId, [first]);
      try {
        // Two events: no claim. Its commit inserts its keys in order, and stops at the first.
        const original = writer.write(request(src, [first, second]));
        await sleep(100);
        // A retry of the second event with C - 1 new ones: enough to claim while that commit is in flight, too few
        // to overlap it.
        const retry = writer.write(request(src, [second, ...fresh]));
        await sleep(100);
        await blocker.query("ROLLBACK");
        expect(await within(10_000, Promise.all([original, retry]))).toEqual([{ inserted: 2, duplicates: 0 }, { inserted: C - 1, duplicates: 1 }]);
        expect(await storedIds(src.sourceId)).toEqual([first, second, ...fresh].sort());
      } finally {
        blocker.release();
        await writer.close();
      }
    });

    it("ends a claiming transaction left idle past claimIdleTimeoutMs; its commit writes the ordinary way and the process carries on", async () => {
      const src = await seedSource();
      const flushes: FlushStats[] = [];
      const writer = new EventLogWriter({ pool: getPool(), maxDelayMs: 800, claimKeysEarly: true, claimIdleTimeoutMs: 200, onFlush: (f) => flushes.push(f) });
      try {
        const ids = Array.from({ length: G }, () => randomUUID());
        // Claimed at once; Postgres closes the connection 200 ms later, while the requests still wait.
        expect(await writer.write(request(src, ids))).toEqual({ inserted: G, duplicates: 0 });
        expect(flushes.map((f) => [f.requests, f.events, f.ok, f.claimedEarly])).toEqual([[1, G, true, 0]]);
        expect(await storedIds(src.sourceId)).toEqual([...ids].sort());
        // The writer goes on claiming on a new connection.
        const more = Array.from({ length: G }, () => randomUUID());
        const fast = new EventLogWriter({ pool: getPool(), maxDelayMs: 50, claimKeysEarly: true, claimIdleTimeoutMs: 200, onFlush: (f) => flushes.push(f) });
        await fast.write(request(src, more)).finally(() => fast.close());
        expect(flushes.at(-1)).toMatchObject({ events: G, ok: true, claimedEarly: G });
      } finally {
        await writer.close();
      }
    });

    it("breaks a circle between two writers, each one's commit in flight waiting on the other's claims, by the idle timeout", async () => {
      const src = await seedSource();
      const [x, y] = [0, 1].map(() => new EventLogWriter({ pool: getPool(), maxDelayMs: 20, claimKeysEarly: true, claimIdleTimeoutMs: 500 }));
      const [p1, p2, q, p] = await inKeyOrder(src.workspaceId, Array.from({ length: 4 }, () => randomUUID()));
      const freshX = Array.from({ length: C - 1 }, () => randomUUID());
      const freshY = Array.from({ length: C - 1 }, () => randomUUID());
      const blocker = await holdKeys(src.workspaceId, [p1, p2]);
      try {
        // x's commit of [p1, q] and y's of [p2, p] stop at their first keys...
        const originals = [x.write(request(src, [p1, q])), y.write(request(src, [p2, p]))];
        await sleep(100);
        // ...x claims p and y claims q, held back by those commits...
        const retries = [x.write(request(src, [p, ...freshX])), y.write(request(src, [q, ...freshY]))];
        await sleep(100);
        // ...which now go on to q and p, each waiting on the other writer's claims.
        await blocker.query("ROLLBACK");
        const results = await within(10_000, Promise.all([...originals, ...retries]));
        // Which request keeps p and q depends on which claiming transaction the timeout ends first (either may); each
        // is stored once, and its other copy answered as a duplicate.
        expect(results.map((r) => r.inserted + r.duplicates)).toEqual([2, 2, C, C]);
        expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(2);
        expect(await storedIds(src.sourceId)).toEqual([p1, p2, q, p, ...freshX, ...freshY].sort());
      } finally {
        blocker.release();
        await Promise.all([x.close(), y.close()]);
      }
    });

    it("survives a deadlock between two writers' claims: Postgres ends one transaction, whose commit then takes the ordinary write", async () => {
      const src = await seedSource();
      const flushes: [FlushStats[], FlushStats[]] = [[], []];
      const [x, y] = flushes.map((list) => new EventLogWriter({ pool: getPool(), maxDelayMs: 300, claimKeysEarly: true, onFlush: (f) => list.push(f) }));
      const a = Array.from({ length: C }, () => randomUUID());
      const b = Array.from({ length: C }, () => randomUUID());
      const deadlocks = async () =>
        Number((await getPool().query<{ n: string }>(`SELECT deadlocks::text AS n FROM pg_stat_database WHERE datname = current_database()`)).rows[0].n);
      const before = await deadlocks();
      try {
        // x claims a and y claims b; then each claims the other's keys and waits on the other's transaction.
        const firsts = [x.write(request(src, a)), y.write(request(src, b))];
        await new Promise((r) => setTimeout(r, 100));
        const crossed = [x.write(request(src, b)), y.write(request(src, a))];
        const results = await Promise.all([...firsts, ...crossed]);
        expect(results.reduce((n, r) => n + r.inserted, 0)).toBe(2 * C);
        expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(2 * C);
        // Each writer made one commit; at least one of them lost its claims to the deadlock and wrote the ordinary
        // way. (The survivor's remaining claim can meet that write in a second deadlock, so both may have.)
        expect(flushes.map((list) => list.map((f) => [f.requests, f.events, f.ok]))).toEqual([[[2, 2 * C, true]], [[2, 2 * C, true]]]);
        expect(Math.min(...flushes.map((list) => list[0].claimedEarly))).toBe(0);
        expect(await storedIds(src.sourceId)).toEqual([...a, ...b].sort());
      } finally {
        await Promise.all([x.close(), y.close()]);
      }
      // The claim connections' backends report their statistics as they exit.
      await waitFor(deadlocks, (n) => n > before, 10_000, "the deadlock in pg_stat_database");
    });
  });
});

