import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/domain/actor";
import { listAuditLogs } from "@/domain/audit/list-audit-logs";
import { findGrant } from "@/domain/members/find-grant";
import { seedInvitation, seedSource } from "@/e2e/support/seed-access";
import { seedUser, seedWorkspace, uniqueEmail } from "@/e2e/support/seed";
import { getPrisma } from "@/lib/db/prisma";
import { acceptInvitation } from "./accept-invitation";
import { createInvitation } from "./create-invitation";
import { findInvitation } from "./find-invitation";
import { revokeInvitation } from "./revoke-invitation";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe("invitations", () => {
  it("store only the token's hash and return the link once", async () => {
    const { workspace, owner } = await seedWorkspace();
    const inv = await seedInvitation(workspace.id, owner.id);
    expect(inv.token.length).toBeGreaterThanOrEqual(32);
    const row = await getPrisma().invitation.findUniqueOrThrow({ where: { id: inv.id } });
    expect(row.tokenHash).toBe(sha256(inv.token));
    expect(JSON.stringify(row)).not.toContain(inv.token);
    const audit = await getPrisma().auditLog.findMany({ where: { workspaceId: workspace.id } });
    expect(JSON.stringify(audit)).not.toContain(inv.token);
    await expect(findInvitation({ token: inv.token })).resolves.toMatchObject({ id: inv.id, email: inv.email, workspace: { id: workspace.id } });
    await expect(findInvitation({ token: inv.token.slice(0, -1) })).resolves.toBeNull();
  });

  it("can be accepted by the invited email only, creating the membership with the invited role and scope", async () => {
    const { workspace, owner } = await seedWorkspace();
    const src = await seedSource(workspace.id);
    const invitee = await seedUser("invitee");
    const stranger = await seedUser("stranger");
    const inv = await createInvitation({
      workspaceId: workspace.id, invitedById: owner.id, email: invitee.email.toUpperCase(), role: "SOURCE_READONLY",
      allSources: false, sourceIds: [src.id], actor: systemActor,
    });
    const token = new URL(inv.link).pathname.split("/").pop()!;

    await expect(acceptInvitation({ token, userId: stranger.id, actor: systemActor })).rejects.toMatchObject({ code: "forbidden" });
    expect(await findGrant({ workspaceId: workspace.id, userId: stranger.id })).toBeNull();

    const accepted = await acceptInvitation({ token, userId: invitee.id, actor: systemActor });
    expect(accepted.workspaceId).toBe(workspace.id);
    await expect(findGrant({ workspaceId: workspace.id, userId: invitee.id })).resolves.toEqual({
      role: "SOURCE_READONLY", allSources: false, sourceIds: [src.id],
    });
    const { entries } = await listAuditLogs({ workspaceId: workspace.id, limit: 1 });
    expect(entries[0]).toMatchObject({ action: "member.join", targetId: accepted.membershipId });

    // Used: refused, also for the right person, and no longer found.
    await expect(acceptInvitation({ token, userId: invitee.id, actor: systemActor })).rejects.toMatchObject({ code: "not_found" });
    await expect(findInvitation({ token })).resolves.toBeNull();
  });

  it("refuses an expired link", async () => {
    const { workspace, owner } = await seedWorkspace();
    const invitee = await seedUser("invitee");
    const inv = await seedInvitation(workspace.id, owner.id, invitee.email);
    await getPrisma().invitation.update({ where: { id: inv.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(findInvitation({ token: inv.token })).resolves.toBeNull();
    await expect(acceptInvitation({ token: inv.token, userId: invitee.id, actor: systemActor })).rejects.toMatchObject({ code: "not_found" });
    expect(await findGrant({ workspaceId: workspace.id, userId: invitee.id })).toBeNull();
  });

  it("refuses a revoked link, and one replaced by a newer invitation", async () => {
    const { workspace, owner } = await seedWorkspace();
    const invitee = await seedUser("invitee");
    const first = await seedInvitation(workspace.id, owner.id, invitee.email);
    const second = await seedInvitation(workspace.id, owner.id, invitee.email, "ADMIN");
    await expect(acceptInvitation({ token: first.token, userId: invitee.id, actor: systemActor })).rejects.toMatchObject({ code: "not_found" });

    await revokeInvitation({ workspaceId: workspace.id, invitationId: second.id, actor: systemActor });
    await expect(acceptInvitation({ token: second.token, userId: invitee.id, actor: systemActor })).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeInvitation({ workspaceId: workspace.id, invitationId: second.id, actor: systemActor })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await findGrant({ workspaceId: workspace.id, userId: invitee.id })).toBeNull();
  });

  it("cannot be revoked through another workspace", async () => {
    const a = await seedWorkspace();
    const b = await seedWorkspace();
    const inv = await seedInvitation(a.workspace.id, a.owner.id);
    await expect(revokeInvitation({ workspaceId: b.workspace.id, invitationId: inv.id, actor: systemActor })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(findInvitation({ token: inv.token })).resolves.not.toBeNull();
  });

  it("refuses to invite an existing member, an invalid email, or sources of another workspace", async () => {
    const { workspace, owner } = await seedWorkspace();
    const other = await seedWorkspace();
    const foreign = await seedSource(other.workspace.id);
    const base = { workspaceId: workspace.id, invitedById: owner.id, actor: systemActor };
    await expect(createInvitation({ ...base, email: owner.email, role: "ADMIN" })).rejects.toMatchObject({ code: "conflict" });
    await expect(createInvitation({ ...base, email: "nope", role: "ADMIN" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(
      createInvitation({ ...base, email: uniqueEmail("x"), role: "SOURCE_ADMIN", allSources: false, sourceIds: [foreign.id] }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });
});
