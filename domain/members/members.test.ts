import { describe, expect, it } from "vitest";
import { systemActor } from "@/domain/actor";
import { listAuditLogs } from "@/domain/audit/list-audit-logs";
import { seedMembership, seedSource } from "@/e2e/support/seed-access";
import { seedUser, seedWorkspace } from "@/e2e/support/seed";
import { getPrisma } from "@/lib/db/prisma";
import { addMember } from "./add-member";
import { changeMemberRole } from "./change-member-role";
import { findGrant } from "./find-grant";
import { listMembers } from "./list-members";
import { normalizeScope } from "./member-scope";
import { removeMember } from "./remove-member";

async function ownerMembershipId(workspaceId: string) {
  return (await getPrisma().membership.findFirstOrThrow({ where: { workspaceId, role: "OWNER" } })).id;
}

describe("the last Owner", () => {
  it("cannot be removed", async () => {
    const { workspace } = await seedWorkspace();
    const id = await ownerMembershipId(workspace.id);
    await expect(removeMember({ workspaceId: workspace.id, membershipId: id, actor: systemActor })).rejects.toMatchObject({ code: "conflict" });
    expect(await getPrisma().membership.count({ where: { workspaceId: workspace.id, role: "OWNER" } })).toBe(1);
  });

  it("cannot be demoted", async () => {
    const { workspace } = await seedWorkspace();
    const id = await ownerMembershipId(workspace.id);
    await expect(
      changeMemberRole({ workspaceId: workspace.id, membershipId: id, role: "ADMIN", actor: systemActor }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect((await getPrisma().membership.findUniqueOrThrow({ where: { id } })).role).toBe("OWNER");
  });

  it("can be demoted or removed once there is another Owner, but never both Owners", async () => {
    const { workspace } = await seedWorkspace();
    const first = await ownerMembershipId(workspace.id);
    const second = await seedMembership(workspace.id, "OWNER");
    await changeMemberRole({ workspaceId: workspace.id, membershipId: first, role: "ADMIN", actor: systemActor });
    await expect(removeMember({ workspaceId: workspace.id, membershipId: second.membershipId, actor: systemActor })).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("is never lost to two Owners demoting each other at the same time", async () => {
    for (let round = 0; round < 3; round++) {
      const { workspace } = await seedWorkspace();
      const first = await ownerMembershipId(workspace.id);
      const second = await seedMembership(workspace.id, "OWNER");
      await Promise.allSettled([
        changeMemberRole({ workspaceId: workspace.id, membershipId: first, role: "ADMIN", actor: systemActor }),
        removeMember({ workspaceId: workspace.id, membershipId: second.membershipId, actor: systemActor }),
      ]);
      expect(await getPrisma().membership.count({ where: { workspaceId: workspace.id, role: "OWNER" } })).toBe(1);
    }
  });
});

describe("role changes", () => {
  it("write an audit entry with the role and scope before and after", async () => {
    const { workspace } = await seedWorkspace();
    const src = await seedSource(workspace.id);
    const { user, membershipId } = await seedMembership(workspace.id, "READONLY");
    const updated = await changeMemberRole({
      workspaceId: workspace.id, membershipId, role: "SOURCE_ADMIN", allSources: false, sourceIds: [src.id], actor: systemActor, requestId: "req_x",
    });
    expect(updated).toMatchObject({ role: "SOURCE_ADMIN", allSources: false, sourceIds: [src.id] });
    const { entries } = await listAuditLogs({ workspaceId: workspace.id, limit: 1 });
    expect(entries[0]).toMatchObject({
      action: "member.change_role", targetType: "membership", targetId: membershipId, requestId: "req_x",
      before: { email: user.email, role: "READONLY", allSources: true, sourceIds: [] },
      after: { email: user.email, role: "SOURCE_ADMIN", allSources: false, sourceIds: [src.id] },
    });
    await expect(findGrant({ workspaceId: workspace.id, userId: user.id })).resolves.toEqual({
      role: "SOURCE_ADMIN", allSources: false, sourceIds: [src.id],
    });
  });

  it("cannot reach a membership of another workspace", async () => {
    const a = await seedWorkspace();
    const b = await seedWorkspace();
    const { membershipId } = await seedMembership(a.workspace.id, "READONLY");
    await expect(
      changeMemberRole({ workspaceId: b.workspace.id, membershipId, role: "ADMIN", actor: systemActor }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(removeMember({ workspaceId: b.workspace.id, membershipId, actor: systemActor })).rejects.toMatchObject({ code: "not_found" });
    expect((await getPrisma().membership.findUniqueOrThrow({ where: { id: membershipId } })).role).toBe("READONLY");
  });

  it("removal writes an audit entry and drops the grant", async () => {
    const { workspace } = await seedWorkspace();
    const { user, membershipId } = await seedMembership(workspace.id, "ADMIN");
    await removeMember({ workspaceId: workspace.id, membershipId, actor: systemActor });
    expect(await findGrant({ workspaceId: workspace.id, userId: user.id })).toBeNull();
    const { entries } = await listAuditLogs({ workspaceId: workspace.id, limit: 1 });
    expect(entries[0]).toMatchObject({ action: "member.remove", before: { email: user.email, role: "ADMIN" } });
  });
});

describe("source scope", () => {
  it("is normalised: only source roles keep a list, and lists are de-duplicated", () => {
    expect(normalizeScope({ role: "ADMIN", allSources: false, sourceIds: ["src_a"] })).toEqual({ role: "ADMIN", allSources: true, sourceIds: [] });
    expect(normalizeScope({ role: "SOURCE_ADMIN", allSources: true, sourceIds: ["src_a"] })).toEqual({
      role: "SOURCE_ADMIN", allSources: true, sourceIds: [],
    });
    expect(normalizeScope({ role: "SOURCE_READONLY", allSources: false, sourceIds: ["src_a", "src_b", "src_a"] })).toEqual({
      role: "SOURCE_READONLY", allSources: false, sourceIds: ["src_a", "src_b"],
    });
  });

  it("is normalised when stored", async () => {
    const { workspace } = await seedWorkspace();
    const src = await seedSource(workspace.id);
    const admin = await seedUser("admin");
    const m = await addMember({ workspaceId: workspace.id, email: admin.email, role: "ADMIN", allSources: false, sourceIds: [src.id], actor: systemActor });
    expect(m).toMatchObject({ role: "ADMIN", allSources: true, sourceIds: [] });
    const scoped = await seedUser("scoped");
    const s = await addMember({
      workspaceId: workspace.id, email: scoped.email, role: "SOURCE_ADMIN", allSources: false, sourceIds: [src.id, src.id], actor: systemActor,
    });
    expect(s).toMatchObject({ role: "SOURCE_ADMIN", allSources: false, sourceIds: [src.id] });
  });

  it("refuses sources of another workspace", async () => {
    const a = await seedWorkspace();
    const b = await seedWorkspace();
    const foreign = await seedSource(b.workspace.id);
    const user = await seedUser("scoped");
    await expect(
      addMember({ workspaceId: a.workspace.id, email: user.email, role: "SOURCE_ADMIN", allSources: false, sourceIds: [foreign.id], actor: systemActor }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    const { membershipId } = await seedMembership(a.workspace.id, "READONLY");
    await expect(
      changeMemberRole({ workspaceId: a.workspace.id, membershipId, role: "SOURCE_READONLY", allSources: false, sourceIds: [foreign.id], actor: systemActor }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("adding a user twice is a conflict; an unknown email is not found", async () => {
    const { workspace, owner } = await seedWorkspace();
    await expect(addMember({ workspaceId: workspace.id, email: owner.email, role: "ADMIN", actor: systemActor })).rejects.toMatchObject({ code: "conflict" });
    await expect(addMember({ workspaceId: workspace.id, email: "nobody@example.test", role: "ADMIN", actor: systemActor })).rejects.toMatchObject({
      code: "not_found",
    });
    const { members } = await listMembers({ workspaceId: workspace.id });
    expect(members).toHaveLength(1);
  });
});
