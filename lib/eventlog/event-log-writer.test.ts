import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/pool";
import type { NormalizedEvent } from "@/pipeline/normalize-events";
import { seedSource, seedWorkspace } from "@/tests/helpers/seed-source";
import { EventLogWriter, type FlushStats } from "./event-log-writer";

afterAll(async () => {
  await getPool().end();
});

function event(index: number, receivedAt: Date, name: string, messageId = randomUUID()): NormalizedEvent {
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

  it("while a commit is in flight, holds small requests back and writes them together, but overlaps big ones", async () => {
    const src = await seedSource();
    const flushes: FlushStats[] = [];
    const writer = new EventLogWriter({ pool: getPool(), onFlush: (f) => flushes.push(f) });
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
  });
});
