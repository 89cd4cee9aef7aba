import { afterAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/pool";
import { appendEvents } from "@/tests/helpers/delivery";
import { seedSource } from "@/tests/helpers/seed-source";
import { segmentsAfterSql, splitSegments, type SegmentRow, type StreamCursor } from "./read-segments";

afterAll(async () => {
  await getPool().end();
});

const READ_SQL = segmentsAfterSql({ tx: "$2::xid8", seq: "$3::bigint", limit: "$4", filter: "source_id = $1 AND tx_id < pg_snapshot_xmin(pg_current_snapshot())" });

async function readPage(sourceId: string, after: StreamCursor, limit: number) {
  const { rows } = await getPool().query<SegmentRow>(READ_SQL, [sourceId, after.tx.toString(), after.seq.toString(), limit]);
  return splitSegments(rows, after, limit).map((e) => ({ tx: e.tx, seq: e.seq, event: JSON.parse(e.payload).event as string }));
}

// Segments of 3, 1 and 5 events in their own transactions, then two segments (2 and 4 events) in one.
async function seedLog() {
  const src = await seedSource();
  const names: string[] = [];
  const append = async (db: Parameters<typeof appendEvents>[0], n: number) => {
    const events = Array.from({ length: n }, (_, i) => ({ event: `E${names.length + i}` }));
    names.push(...events.map((e) => e.event));
    await appendEvents(db, { ...src, events });
  };
  for (const n of [3, 1, 5]) await append(getPool(), n);
  const client = await getPool().connect();
  try {
    await client.query("BEGIN");
    await append(client, 2);
    await append(client, 4);
    await client.query("COMMIT");
  } finally {
    client.release();
  }
  return { src, names };
}

describe("reading the event log by (tx_id, seq) cursor", () => {
  it("pages through segments of every size with any limit, each event once, in order, matching the events view", async () => {
    const { src, names } = await seedLog();
    const view = await getPool().query<{ tx: string; seq: string; event: string }>(
      `SELECT tx_id::text AS tx, seq::text AS seq, event FROM eventlog.events WHERE source_id = $1 ORDER BY tx_id, seq`,
      [src.sourceId],
    );
    expect(view.rows.map((r) => r.event)).toEqual(names);
    for (const limit of [1, 2, 4, 7, 100]) {
      const read: { tx: bigint; seq: bigint; event: string }[] = [];
      let after: StreamCursor = { tx: 0n, seq: 0n };
      for (let pages = 0; pages < 50; pages++) {
        const page = await readPage(src.sourceId, after, limit);
        expect(page.length).toBeLessThanOrEqual(limit);
        read.push(...page);
        if (page.length < limit) break;
        after = page[page.length - 1];
      }
      expect(read.map((r) => r.event), `limit ${limit}`).toEqual(names);
      expect(read.map((r) => `${r.tx}.${r.seq}`)).toEqual(view.rows.map((r) => `${r.tx}.${r.seq}`));
    }
  });

  it("starts inside a segment when the cursor stands there", async () => {
    const { src, names } = await seedLog();
    const all = await readPage(src.sourceId, { tx: 0n, seq: 0n }, 100);
    // After the 2nd event of the 5-event segment (E4..E8): E6 onwards.
    const mid = all[5];
    expect(mid.event).toBe("E5");
    expect((await readPage(src.sourceId, mid, 100)).map((e) => e.event)).toEqual(names.slice(6));
    // Before the first event of a segment: (tx, seq - 1).
    const first = all[4];
    expect((await readPage(src.sourceId, { tx: first.tx, seq: first.seq - 1n }, 3)).map((e) => e.event)).toEqual(["E4", "E5", "E6"]);
    // After the last event: nothing.
    expect(await readPage(src.sourceId, all[all.length - 1], 10)).toEqual([]);
  });
});
