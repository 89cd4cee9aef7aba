import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { cliActor } from "@/domain/actor";
import { exportEvents } from "@/domain/events/export-events";
import { listSources } from "@/domain/sources/list-sources";
import { getUsage } from "@/domain/usage/get-usage";
import { seedSource, seedWorkspace } from "@/tests/helpers/seed-source";
import { waitFor } from "@/tests/helpers/delivery";
import { readEvents } from "@/tests/helpers/read-events";
import { basicAuth, startCollector, type TestCollector } from "@/tests/helpers/start-collector";
import { createSource } from "@/domain/sources/create-source";
import { MIN_CLAIM_EVENTS } from "@/lib/eventlog/event-log-writer";

let collector: TestCollector;

beforeAll(async () => {
  collector = await startCollector();
});
afterAll(async () => {
  await collector.stop();
});

async function batch(key: string, items: Record<string, unknown>[]) {
  const res = await fetch(`${collector.url}/v1/batch`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: basicAuth(key) },
    body: JSON.stringify({ batch: items }),
  });
  expect(res.status).toBe(200);
  return res.json();
}

describe("dedupe, usage and export", () => {
  it("stores the same messageId once, across requests, within a batch, and under concurrency", async () => {
    const src = await seedSource();
    const e = { type: "track", event: "Dup", userId: "u", messageId: "dup-1" };
    await batch(src.writeKey, [e, e]);
    await batch(src.writeKey, [e]);
    // A repeat next to a new event: the writer's plain insert fails on the repeat, the retry skipping repeats keeps
    // the new one.
    await batch(src.writeKey, [e, { ...e, messageId: "new-1" }]);
    await Promise.all(Array.from({ length: 10 }, () => batch(src.writeKey, [{ ...e, messageId: "dup-2" }])));
    // Batches big enough that the writer claims their keys while they wait for the group commit.
    const claimed = Array.from({ length: MIN_CLAIM_EVENTS + 8 }, (_, i) => ({ ...e, messageId: `dup-3-${i}` }));
    await Promise.all(Array.from({ length: 10 }, () => batch(src.writeKey, claimed)));
    const events = await readEvents(src.sourceId);
    expect(events.map((x) => x.message_id).sort()).toEqual(["dup-1", "dup-2", ...claimed.map((x) => x.messageId), "new-1"].sort());
  });

  it("counts MTUs as userIds plus anonymousIds never tied to a userId", async () => {
    const ws = await seedWorkspace();
    const a = await seedSource({ workspaceId: ws.id });
    const b = await seedSource({ workspaceId: ws.id });
    await batch(a.writeKey, [
      { type: "track", event: "e", userId: "user-1" },
      { type: "track", event: "e", userId: "user-1" },
      { type: "page", anonymousId: "anon-1" },
      { type: "page", anonymousId: "anon-2" },
      { type: "page", anonymousId: "anon-3" },
    ]);
    expect((await getUsage({ workspaceId: ws.id })).mtu).toBe(4);
    // identify ties anon-1 to user-2 (a new user): anon-1 stops counting, user-2 starts.
    await batch(b.writeKey, [{ type: "identify", userId: "user-2", anonymousId: "anon-1" }]);
    expect((await getUsage({ workspaceId: ws.id })).mtu).toBe(4);
    // alias ties anon-2 to user-1, who already counts.
    await batch(a.writeKey, [{ type: "alias", userId: "user-1", previousId: "anon-2" }]);
    const usage = await getUsage({ workspaceId: ws.id });
    expect(usage.mtu).toBe(3);
    expect(usage.mtuLimit).toBe(1000);
    expect(usage.overLimit).toBe(false);
    const perSource = Object.fromEntries(usage.eventsPerDay.map((d) => [d.sourceId, d.events]));
    expect(perSource).toEqual({ [a.sourceId]: 6, [b.sourceId]: 1 });
    const listed = await listSources({ workspaceId: ws.id });
    expect(listed.map((s) => [s.id, s.eventsRecent])).toEqual([[a.sourceId, 6], [b.sourceId, 1]]);
    // Another workspace's identities never count here.
    const other = await seedSource();
    await batch(other.writeKey, [{ type: "track", event: "e", userId: "user-9" }]);
    expect((await getUsage({ workspaceId: ws.id })).mtu).toBe(3);
  });

  it("notifies listeners on the eventlog channel, and the (tx_id, seq) cursor reads every event once", async () => {
    const src = await seedSource();
    const listener = new pg.Client({ connectionString: getEnv().DATABASE_URL });
    await listener.connect();
    try {
      await listener.query("LISTEN eventlog");
      const heard: bigint[] = [];
      listener.on("notification", (n) => heard.push(BigInt(JSON.parse(n.payload ?? "{}").maxSeq)));
      await batch(src.writeKey, Array.from({ length: 5 }, (_, i) => ({ type: "track", event: "N", userId: "u", messageId: `n-${i}` })));
      const stored = await readEvents(src.sourceId);
      // Earlier tests' commits may still be announced; one announcement must reach these events.
      await waitFor(() => heard.some((seq) => seq >= BigInt(stored[0].seq)), (found) => found, 5_000, "a notification of the new events");

      const read: string[] = [];
      let cursor = { tx: "0", seq: "0" };
      for (;;) {
        const page = await listener.query<{ tx_id: string; seq: string; message_id: string }>(
          `SELECT tx_id::text, seq::text, message_id FROM eventlog.events
           WHERE source_id = $1 AND (tx_id, seq) > ($2::xid8, $3::bigint) AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
           ORDER BY tx_id, seq LIMIT 2`,
          [src.sourceId, cursor.tx, cursor.seq],
        );
        if (page.rows.length === 0) break;
        read.push(...page.rows.map((r) => r.message_id));
        const last = page.rows[page.rows.length - 1];
        cursor = { tx: last.tx_id, seq: last.seq };
      }
      expect(read.sort()).toEqual(["n-0", "n-1", "n-2", "n-3", "n-4"]);
    } finally {
      await listener.end();
    }
  });

  it("exports a source's events as NDJSON, paged, within since/until", async () => {
    const ws = await seedWorkspace();
    const { source, writeKey } = await createSource({ workspaceId: ws.id, name: "Export", type: "HTTP", actor: cliActor("test") });
    await batch(writeKey.key, Array.from({ length: 7 }, (_, i) => ({ type: "track", event: `E${i}`, userId: "u", messageId: `exp-${i}` })));
    const lines: string[] = [];
    for await (const line of exportEvents({ workspaceId: ws.id, sourceId: source.id, pageSize: 3 })) lines.push(line);
    expect(lines).toHaveLength(7);
    expect(lines.every((l) => l.endsWith("\n"))).toBe(true);
    expect(lines.map((l) => JSON.parse(l).messageId)).toEqual(Array.from({ length: 7 }, (_, i) => `exp-${i}`));
    const future: string[] = [];
    for await (const line of exportEvents({ workspaceId: ws.id, sourceId: source.id, since: new Date(Date.now() + 60_000) })) future.push(line);
    expect(future).toEqual([]);
    const other = await seedWorkspace();
    await expect(exportEvents({ workspaceId: other.id, sourceId: source.id }).next()).rejects.toMatchObject({ code: "not_found" });
  });
});
