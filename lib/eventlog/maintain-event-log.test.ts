import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/pool";
import { dropExpiredPartitions, ensurePartitions, pruneMessageIds } from "./maintain-event-log";

const partitions = async () =>
  (
    await getPool().query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'eventlog.segments'::regclass ORDER BY 1`,
    )
  ).rows.map((r) => r.name);

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10).replace(/-/g, "");

describe("event log maintenance", () => {
  it("creates daily partitions ahead and drops those past retention", async () => {
    await ensurePartitions(getPool(), 10);
    const names = await partitions();
    for (const offset of [-1, 0, 1, 10]) expect(names).toContain(`segments_p${day(offset)}`);

    const old = `segments_p${day(-400)}`;
    const d = new Date(Date.now() - 400 * 86_400_000).toISOString().slice(0, 10);
    await getPool().query(
      `CREATE TABLE IF NOT EXISTS eventlog.${old} PARTITION OF eventlog.segments FOR VALUES FROM ('${d} 00:00Z') TO ('${d} 00:00Z'::timestamptz + interval '1 day')`,
    );
    expect(await partitions()).toContain(old);
    expect(await dropExpiredPartitions(getPool(), 30)).toBeGreaterThanOrEqual(1);
    const after = await partitions();
    expect(after).not.toContain(old);
    expect(after).toContain(`segments_p${day(0)}`);
  });

  it("forgets messageIds after the dedupe window, not before", async () => {
    const oldKey = randomUUID();
    const newKey = randomUUID();
    await getPool().query(`INSERT INTO eventlog.message_ids (key, created_at) VALUES ($1, now() - interval '3 days'), ($2, now() - interval '25 hours')`, [oldKey, newKey]);
    await pruneMessageIds(getPool(), 48);
    const left = (await getPool().query<{ key: string }>(`SELECT key FROM eventlog.message_ids WHERE key = ANY($1::uuid[])`, [[oldKey, newKey]])).rows.map((r) => r.key);
    expect(left).toEqual([newKey]);
  });
});
