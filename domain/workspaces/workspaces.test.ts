import { describe, expect, it } from "vitest";
import { cliActor, systemActor } from "@/domain/actor";
import { listAuditLogs } from "@/domain/audit/list-audit-logs";
import { seedUser, seedWorkspace } from "@/e2e/support/seed";
import { getPrisma } from "@/lib/db/prisma";
import { createWorkspace } from "./create-workspace";
import { getWorkspace } from "./get-workspace";
import { listWorkspacesForUser } from "./list-workspaces-for-user";
import { renameWorkspace } from "./rename-workspace";
import { setBillingTier } from "./set-billing-tier";

describe("workspaces", () => {
  it("makes the creator its Owner and writes an audit entry", async () => {
    const user = await seedUser("creator");
    const actor = { type: "USER" as const, id: user.id, label: user.email };
    const ws = await createWorkspace({ name: "  Acme  ", ownerUserId: user.id, actor });
    expect(ws.name).toBe("Acme");
    expect(ws.tier).toBe("FREE");
    const members = await getPrisma().membership.findMany({ where: { workspaceId: ws.id } });
    expect(members).toEqual([expect.objectContaining({ userId: user.id, role: "OWNER", allSources: true })]);
    const { entries } = await listAuditLogs({ workspaceId: ws.id });
    expect(entries).toEqual([
      expect.objectContaining({
        action: "workspace.create", targetType: "workspace", targetId: ws.id,
        actorType: "USER", actorId: user.id, actorLabel: user.email, after: { name: "Acme", tier: "FREE" },
      }),
    ]);
    expect(await listWorkspacesForUser({ userId: user.id })).toEqual([{ id: ws.id, name: "Acme", tier: "FREE", role: "OWNER" }]);
  });

  it("refuses an empty name and an unknown owner", async () => {
    const user = await seedUser("creator");
    await expect(createWorkspace({ name: "   ", ownerUserId: user.id, actor: systemActor })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(createWorkspace({ name: "Ghost", ownerUserId: "usr_missing", actor: systemActor })).rejects.toMatchObject({ code: "not_found" });
  });

  it("renames with an audit entry holding the old and new name", async () => {
    const { workspace } = await seedWorkspace("Old name");
    await renameWorkspace({ workspaceId: workspace.id, name: "New name", actor: cliActor(), requestId: "req_test" });
    const { entries } = await listAuditLogs({ workspaceId: workspace.id, limit: 1 });
    expect(entries[0]).toMatchObject({
      action: "workspace.rename", actorType: "CLI", requestId: "req_test", before: { name: "Old name" }, after: { name: "New name" },
    });
  });
});

describe("billing tier", () => {
  it("applies the Free limits to a new workspace", async () => {
    const { workspace } = await seedWorkspace();
    const w = await getWorkspace({ workspaceId: workspace.id });
    expect(w.tier).toBe("FREE");
    expect(w.limits).toEqual({ mtu: 1_000, destinations: 2 });
  });

  it("applies Business custom limits, and clears them when leaving Business", async () => {
    const { workspace } = await seedWorkspace();
    await setBillingTier({ workspaceId: workspace.id, tier: "BUSINESS", customMtuLimit: 250_000, customDestinationLimit: 40, actor: systemActor });
    expect((await getWorkspace({ workspaceId: workspace.id })).limits).toEqual({ mtu: 250_000, destinations: 40 });

    await setBillingTier({ workspaceId: workspace.id, tier: "TEAM", actor: systemActor });
    const team = await getWorkspace({ workspaceId: workspace.id });
    expect(team).toMatchObject({ tier: "TEAM", customMtuLimit: null, customDestinationLimit: null, limits: { mtu: 10_000, destinations: null } });

    await setBillingTier({ workspaceId: workspace.id, tier: "BUSINESS", actor: systemActor });
    expect((await getWorkspace({ workspaceId: workspace.id })).limits).toEqual({ mtu: null, destinations: null });

    await setBillingTier({ workspaceId: workspace.id, tier: "FREE", actor: systemActor });
    expect((await getWorkspace({ workspaceId: workspace.id })).limits).toEqual({ mtu: 1_000, destinations: 2 });

    const { entries } = await listAuditLogs({ workspaceId: workspace.id, limit: 4 });
    expect(entries.map((e) => e.action)).toEqual(["billing.set_tier", "billing.set_tier", "billing.set_tier", "billing.set_tier"]);
    expect(entries[3]).toMatchObject({
      before: { tier: "FREE", customMtuLimit: null, customDestinationLimit: null },
      after: { tier: "BUSINESS", customMtuLimit: 250_000, customDestinationLimit: 40 },
    });
  });

  it("refuses custom limits outside Business, leaving the workspace unchanged", async () => {
    const { workspace } = await seedWorkspace();
    await expect(
      setBillingTier({ workspaceId: workspace.id, tier: "TEAM", customMtuLimit: 5, actor: systemActor }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    await expect(
      setBillingTier({ workspaceId: workspace.id, tier: "BUSINESS", customMtuLimit: -1, actor: systemActor }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    expect(await getWorkspace({ workspaceId: workspace.id })).toMatchObject({ tier: "FREE", customMtuLimit: null });
  });
});
