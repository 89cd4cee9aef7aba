import { describe, expect, it } from "vitest";
import { useEmptyDatabase } from "@/tests/helpers/empty-database";
import { EventLogWriter } from "./event-log-writer";
import { migrateEventLog } from "./migrate-event-log";

// An event log as the release before segments left it (rows in eventlog.events), upgraded by 0300_event_segments.sql.

const database = useEmptyDatabase("upgrade");

type Row = { tx_id: string; seq: string; source_id: string; message_id: string; user_id: string | null; received_at: Date; payload: Record<string, unknown> };
const readView = async () =>
  (
    await database().query<Row>(
      `SELECT tx_id::text, seq::text, source_id, message_id, user_id, received_at, payload FROM eventlog.events ORDER BY tx_id, seq`,
    )
  ).rows;

describe("upgrading an event log to segments (0300)", () => {
  it("keeps every event at its position, with its payload, day and source; new writes follow them", async () => {
    const db = database();
    expect(await migrateEventLog(db, { until: "0201_drop_rejections_notify.sql" })).not.toContain("0300_event_segments.sql");

    const yesterday = new Date(Date.now() - 86_400_000);
    const today = new Date();
    const old = [
      { src: "src_a", id: "m-1", at: yesterday, payload: { type: "track", event: "Old ✓", userId: "u-1", properties: { quote: "a \"b\" \\ c" } } },
      { src: "src_b", id: "m-2", at: yesterday, payload: { type: "identify", anonymousId: "anon-2", traits: { line: "x\ny" } } },
      { src: "src_a", id: "m-3", at: today, payload: { type: "page", userId: "u-3", name: "Home" } },
    ];
    for (const e of old) {
      await db.query(
        `INSERT INTO eventlog.events (workspace_id, source_id, message_id, type, user_id, anonymous_id, received_at, payload)
         VALUES ('ws_up', $1, $2, $3, $4, $5, $6, $7)`,
        [e.src, e.id, e.payload.type, (e.payload as { userId?: string }).userId ?? null, (e.payload as { anonymousId?: string }).anonymousId ?? null, e.at, { ...e.payload, messageId: e.id, receivedAt: e.at.toISOString() }],
      );
    }
    // The writer of that release recorded each messageId's dedupe key alongside (see 0001_event_log.sql).
    await db.query(`INSERT INTO eventlog.message_ids (key) SELECT md5('ws_up:' || id)::uuid FROM unnest($1::text[]) AS id`, [old.map((e) => e.id)]);
    const before = await readView();
    expect(before).toHaveLength(3);

    expect(await migrateEventLog(db)).toContain("0300_event_segments.sql");

    const after = await readView();
    expect(after.map(({ tx_id, seq, source_id, message_id, payload }) => ({ tx_id, seq, source_id, message_id, payload }))).toEqual(
      before.map(({ tx_id, seq, source_id, message_id, payload }) => ({ tx_id, seq, source_id, message_id, payload })),
    );
    expect(after.map((r) => r.received_at.toISOString())).toEqual(before.map((r) => r.received_at.toISOString()));
    const segments = await db.query<{ count: number; day: string }>(
      `SELECT count, to_char(received_at AT TIME ZONE 'UTC', 'YYYYMMDD') AS day FROM eventlog.segments ORDER BY tx_id, seq`,
    );
    expect(segments.rows.map((r) => r.count)).toEqual([1, 1, 1]);
    const parts = await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'eventlog.segments'::regclass`,
    );
    for (const d of [yesterday, today]) expect(parts.rows.map((r) => r.name)).toContain(`segments_p${d.toISOString().slice(0, 10).replace(/-/g, "")}`);

    const writer = new EventLogWriter({ pool: db });
    await writer.write({
      workspaceId: "ws_up",
      sourceId: "src_a",
      receivedAt: new Date(),
      events: [{ index: 0, messageId: "m-4", type: "track", event: "New", userId: "u-1", anonymousId: null, previousId: null, receivedAt: new Date(), payload: '{"type":"track","event":"New","messageId":"m-4"}' }],
      rejected: [],
    });
    const now = await readView();
    expect(now).toHaveLength(4);
    expect(now[3].message_id).toBe("m-4");
    expect(BigInt(now[3].seq)).toBeGreaterThan(BigInt(before[2].seq));
    // A repeat of a messageId stored before the upgrade is still recognised.
    const repeat = await writer.write({
      workspaceId: "ws_up",
      sourceId: "src_a",
      receivedAt: new Date(),
      events: [{ index: 0, messageId: "m-1", type: "track", event: "Old ✓", userId: "u-1", anonymousId: null, previousId: null, receivedAt: new Date(), payload: '{"type":"track","messageId":"m-1"}' }],
      rejected: [],
    });
    expect(repeat).toEqual({ inserted: 0, duplicates: 1 });
  });
});
