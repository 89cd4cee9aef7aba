import { createHash, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useEmptyDatabase } from "@/tests/helpers/empty-database";
import { dedupeKey } from "./dedupe-key";
import { EventLogWriter } from "./event-log-writer";
import { migrateEventLog } from "./migrate-event-log";

// An event log whose dedupe keys are all md5s (the releases before 0301_time_first_dedupe_keys.sql), upgraded.

const database = useEmptyDatabase("keys_upgrade");

const write = (writer: EventLogWriter, messageId: string) => {
  const now = new Date();
  return writer.write({
    workspaceId: "ws_up",
    sourceId: "src_a",
    receivedAt: now,
    events: [{ index: 0, messageId, type: "track", event: "E", userId: "u-1", anonymousId: null, previousId: null, receivedAt: now, payload: JSON.stringify({ type: "track", event: "E", messageId }) }],
    rejected: [],
  });
};

describe("upgrading to time-first dedupe keys (0301)", () => {
  it("still recognises a repeat of a time-carrying messageId stored under its md5 key before the upgrade", async () => {
    const db = database();
    expect(await migrateEventLog(db, { until: "0300_event_segments.sql" })).not.toContain("0301_time_first_dedupe_keys.sql");
    const timed = [`ajs-next-${Date.now()}-${randomUUID()}`, `node-next-${Date.now()}-${randomUUID()}`];
    const old = `node-next-${Date.now() - 30 * 3_600_000}-${randomUUID()}`;
    const lines = [...timed, "plain-1"].map((id) => JSON.stringify({ type: "track", event: "Before", messageId: id }));
    // As the writer of that release left them: a segment, and an md5 key per messageId. One segment is 30 h old.
    await db.query(
      `INSERT INTO eventlog.segments (seq, count, workspace_id, source_id, received_at, last_received_at, payloads)
       VALUES (nextval('eventlog.events_seq'), 3, 'ws_up', 'src_a', now(), now(), $1),
              (nextval('eventlog.events_seq'), 1, 'ws_up', 'src_a', now() - interval '30 hours', now() - interval '30 hours', $2)`,
      [lines.join("\n"), JSON.stringify({ type: "track", event: "Old", messageId: old })],
    );
    await db.query(`INSERT INTO eventlog.message_ids (key) SELECT md5('ws_up:' || id)::uuid FROM unnest($1::text[]) AS id`, [[...timed, "plain-1", old]]);

    expect(await migrateEventLog(db)).toContain("0301_time_first_dedupe_keys.sql");
    const md5 = (id: string) => createHash("md5").update(`ws_up:${id}`).digest("hex");
    const keys = await db.query<{ key: string }>(`SELECT replace(key::text, '-', '') AS key FROM eventlog.message_ids`);
    // The old keys stay; the last 25 hours' time-carrying messageIds have their new key as well.
    expect(keys.rows.map((r) => r.key).sort()).toEqual([...[...timed, "plain-1", old].map(md5), ...timed.map((id) => dedupeKey("ws_up", id))].sort());

    const writer = new EventLogWriter({ pool: db });
    try {
      expect(await write(writer, timed[0])).toEqual({ inserted: 0, duplicates: 1 });
      expect(await write(writer, "plain-1")).toEqual({ inserted: 0, duplicates: 1 });
      expect(await write(writer, `ajs-next-${Date.now()}-${randomUUID()}`)).toEqual({ inserted: 1, duplicates: 0 });
    } finally {
      await writer.close();
    }
  });

  it("computes the same keys in SQL as the writer does", async () => {
    const db = database();
    const ms = Date.now();
    const ids = [
      `ajs-next-${ms}-${randomUUID()}`, `node-next-${ms}-${randomUUID()}`, `sy-${ms}-${randomUUID()}`, `A-b-${ms}-x`,
      "01846c3d-5f9b-7abc-9def-0123456789ab", "01846C3D-5F9B-7ABC-9DEF-0123456789AB", randomUUID(),
      `ajs-next-${ms}1-x`, `ajs-next-${String(ms).slice(1)}-x`, `${ms}-x`, `ajs-next-${ms}`, "ünïcødé ✓", "",
    ];
    const sql = await db.query<{ key: string }>(`SELECT replace(eventlog.dedupe_key('ws_sql', id)::text, '-', '') AS key FROM unnest($1::text[]) WITH ORDINALITY AS u(id, n) ORDER BY n`, [ids]);
    expect(sql.rows.map((r) => r.key)).toEqual(ids.map((id) => dedupeKey("ws_sql", id)));
  });
});
