import { describe, expect, it } from "vitest";
import { cliActor } from "@/domain/actor";
import { getPool } from "@/lib/db/pool";
import { getPrisma } from "@/lib/db/prisma";
import { seedSource } from "@/tests/helpers/seed-source";
import { connectDestination } from "./connect-destination";
import { createDestination } from "./create-destination";
import { reachOf, requireDestinationReach } from "./destination-reach";
import { readSettings } from "./find-destination";
import { getDeliveryStats } from "./get-delivery-stats";
import { getDestination } from "./get-destination";
import { listDeadLetters } from "./list-dead-letters";
import { listDestinations } from "./list-destinations";
import { discardDeadLetters, retryDeadLetters } from "./retry-dead-letters";
import { updateDestination } from "./update-destination";

const actor = cliActor("test");

describe("reachOf", () => {
  it("follows the table in destination-reach.ts", () => {
    expect(reachOf(["a", "b"], undefined)).toBe("write");
    expect(reachOf([], ["a"])).toBe("write");
    expect(reachOf(["a"], ["a"])).toBe("write");
    expect(reachOf(["a", "b"], ["a", "b", "c"])).toBe("write");
    expect(reachOf(["a", "b"], ["a"])).toBe("read");
    expect(reachOf(["b"], ["a"])).toBe("none");
    expect(reachOf(["b"], [])).toBe("none");
  });
});

// Workspace with sources A and B and four webhooks: connected to A, to B, to both, to none.
async function world() {
  const a = await seedSource({ name: "A" });
  const workspaceId = a.workspaceId;
  const b = await seedSource({ workspaceId, name: "B" });
  await getPrisma().workspace.update({ where: { id: workspaceId }, data: { tier: "TEAM" } });
  const make = async (name: string, sources: string[]) => {
    const d = await createDestination({ workspaceId, type: "webhook", name, settings: { url: "https://example.com/h" }, actor });
    const connections: Record<string, string> = {};
    for (const s of sources) connections[s] = (await connectDestination({ workspaceId, destinationId: d.id, sourceId: s, actor })).id;
    return { id: d.id, connections };
  };
  return {
    workspaceId, a: a.sourceId, b: b.sourceId,
    onlyA: await make("Only A", [a.sourceId]),
    onlyB: await make("Only B", [b.sourceId]),
    both: await make("Both", [a.sourceId, b.sourceId]),
    none: await make("Unconnected", []),
  };
}

async function deadLetter(workspaceId: string, destinationId: string, connectionId: string, seq: number) {
  const { rows } = await getPool().query<{ id: number }>(
    `INSERT INTO eventlog.dead_letters (workspace_id, destination_id, connection_id, seq, message_id, event, attempts, first_failed_at)
     VALUES ($1, $2, $3, $4, $5, '{"type":"track"}', 5, now()) RETURNING id::int`,
    [workspaceId, destinationId, connectionId, seq, `m-${seq}`],
  );
  return rows[0].id;
}

describe("a member limited to a list of sources", () => {
  it("lists the destinations connected to its sources and the unconnected ones, each with its own connections only", async () => {
    const w = await world();
    const list = await listDestinations({ workspaceId: w.workspaceId, sourceIds: [w.a] });
    expect(list.map((d) => d.id).sort()).toEqual([w.onlyA.id, w.both.id, w.none.id].sort());
    expect(list.flatMap((d) => d.connections.map((c) => c.sourceId))).toEqual([w.a, w.a]);
    expect(Object.fromEntries(list.map((d) => [d.id, d.reach]))).toEqual({ [w.onlyA.id]: "write", [w.both.id]: "read", [w.none.id]: "write" });

    // Not limited: everything, every connection.
    const all = await listDestinations({ workspaceId: w.workspaceId });
    expect(all).toHaveLength(4);
    expect(all.find((d) => d.id === w.both.id)!.connections).toHaveLength(2);

    // An empty list of sources: only the unconnected destination.
    expect((await listDestinations({ workspaceId: w.workspaceId, sourceIds: [] })).map((d) => d.id)).toEqual([w.none.id]);
  });

  it("reads a destination connected to one of its sources, writes one whose connections are all its own, else 404", async () => {
    const w = await world();
    const reach = (destinationId: string, need: "read" | "write") =>
      requireDestinationReach({ workspaceId: w.workspaceId, destinationId, scope: [w.a], need });
    await expect(reach(w.onlyA.id, "write")).resolves.toMatchObject({ reach: "write" });
    await expect(reach(w.none.id, "write")).resolves.toMatchObject({ reach: "write" });
    await expect(reach(w.both.id, "read")).resolves.toMatchObject({ reach: "read" });
    await expect(reach(w.both.id, "write")).rejects.toMatchObject({ code: "not_found" });
    await expect(reach(w.onlyB.id, "read")).rejects.toMatchObject({ code: "not_found" });
    await expect(reach(w.onlyB.id, "write")).rejects.toMatchObject({ code: "not_found" });
    // Another workspace's destination, even with the same scope: not found.
    const other = await seedSource({ name: "Elsewhere" });
    await expect(
      requireDestinationReach({ workspaceId: other.workspaceId, destinationId: w.none.id, scope: undefined, need: "read" }),
    ).rejects.toMatchObject({ code: "not_found" });
    // Not limited: everything.
    await expect(requireDestinationReach({ workspaceId: w.workspaceId, destinationId: w.onlyB.id, scope: undefined, need: "write" })).resolves.toMatchObject({ reach: "write" });
  });

  it("sees only its connections, samples and dead letters of a shared destination, and retries or discards only its own", async () => {
    const w = await world();
    const detail = await getDestination({ workspaceId: w.workspaceId, destinationId: w.both.id, sourceIds: [w.a] });
    expect(detail.connections.map((c) => c.sourceId)).toEqual([w.a]);
    expect(detail.reach).toBe("read");
    expect((await getDestination({ workspaceId: w.workspaceId, destinationId: w.both.id })).connections).toHaveLength(2);

    const dlA = await deadLetter(w.workspaceId, w.both.id, w.both.connections[w.a], 1);
    const dlB = await deadLetter(w.workspaceId, w.both.id, w.both.connections[w.b], 2);
    // A dead letter of a connection since removed belongs to no scope.
    const dlGone = await deadLetter(w.workspaceId, w.both.id, "con_removed", 3);
    for (const connectionId of [w.both.connections[w.a], w.both.connections[w.b]]) {
      await getPool().query(
        `INSERT INTO eventlog.delivery_samples (workspace_id, destination_id, connection_id, outcome, message_id, event) VALUES ($1, $2, $3, 'dead_lettered', 'm', '{"secret":"x"}')`,
        [w.workspaceId, w.both.id, connectionId],
      );
    }

    const scoped = await listDeadLetters({ workspaceId: w.workspaceId, destinationId: w.both.id, sourceIds: [w.a] });
    expect(scoped.deadLetters.map((d) => d.id)).toEqual([dlA]);
    expect(scoped.total).toBe(1);
    expect((await listDeadLetters({ workspaceId: w.workspaceId, destinationId: w.both.id })).total).toBe(3);

    const stats = await getDeliveryStats({ workspaceId: w.workspaceId, destinationId: w.both.id, sourceIds: [w.a] });
    expect(stats.recentErrors.map((s: { connectionId: string }) => s.connectionId)).toEqual([w.both.connections[w.a]]);
    expect(stats.pending.deadLetters).toBe(1);
    expect((await getDeliveryStats({ workspaceId: w.workspaceId, destinationId: w.both.id })).recentErrors).toHaveLength(2);

    // Asking for all, or naming another source's dead letter: only its own move.
    const base = { workspaceId: w.workspaceId, destinationId: w.both.id, actor };
    expect(await discardDeadLetters({ ...base, ids: [dlB, dlGone], sourceIds: [w.a] })).toEqual({ discarded: 0 });
    expect(await retryDeadLetters({ ...base, sourceIds: [w.a] })).toEqual({ retried: 1 });
    const left = await listDeadLetters({ workspaceId: w.workspaceId, destinationId: w.both.id });
    expect(left.deadLetters.map((d) => d.id).sort()).toEqual([dlB, dlGone].sort());
    expect(await discardDeadLetters(base)).toEqual({ discarded: 2 });
  });
});

describe("Postgres warehouse settings", () => {
  it("clears a stored connection string (the default warehouse applies again), and keeps it when sent back masked", async () => {
    const { workspaceId } = await seedSource({ name: "W" });
    const url = "postgres://user:pw@db.example.com:5432/wh";
    const d = await createDestination({ workspaceId, type: "postgres", name: "Warehouse", settings: { connectionString: url }, actor });
    const stored = async () => readSettings((await getPrisma().destination.findUniqueOrThrow({ where: { id: d.id } })).settingsEncrypted);

    const masked = await updateDestination({ workspaceId, destinationId: d.id, settings: { ...d.settings, batchSize: 10 }, actor });
    expect((await stored()).connectionString).toBe(url);
    expect(masked.settings.batchSize).toBe(10);

    const cleared = await updateDestination({ workspaceId, destinationId: d.id, settings: { ...d.settings, connectionString: null }, actor });
    expect(cleared.settings.connectionString).toBeUndefined();
    expect(await stored()).not.toHaveProperty("connectionString");

    // Set again, then cleared with an empty string.
    await updateDestination({ workspaceId, destinationId: d.id, settings: { connectionString: url }, actor });
    expect((await stored()).connectionString).toBe(url);
    await updateDestination({ workspaceId, destinationId: d.id, settings: { connectionString: "" }, actor });
    expect(await stored()).not.toHaveProperty("connectionString");
  });
});
