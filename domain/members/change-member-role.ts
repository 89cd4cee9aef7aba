import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";
import { fromZodError } from "@/lib/errors/from-zod";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { assertKeepsOwner } from "./assert-keeps-owner";
import { assertSourcesInWorkspace, normalizeScope, roleAndScope, type RoleAndScope } from "./member-scope";

export type ChangeMemberRoleOptions = {
  workspaceId: string;
  membershipId: string;
  actor: Actor;
  requestId?: string;
} & Partial<RoleAndScope> & Pick<RoleAndScope, "role">;

export async function changeMemberRole({ workspaceId, membershipId, actor, requestId, ...input }: ChangeMemberRoleOptions) {
  const parsed = roleAndScope.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error);
  const next = normalizeScope(parsed.data);
  return getPrisma().$transaction(async (tx) => {
    let member = await tx.membership.findFirst({ where: { id: membershipId, workspaceId }, include: { user: { select: { email: true } } } });
    if (!member) throw notFound("Member not found");
    if (member.role === "OWNER" && next.role !== "OWNER") {
      await assertKeepsOwner(tx, { workspaceId, message: "A workspace needs at least one Owner: make someone else Owner first" });
      // Re-read after the lock: a concurrent change may have got there first.
      member = await tx.membership.findFirst({ where: { id: membershipId, workspaceId }, include: { user: { select: { email: true } } } });
      if (!member) throw notFound("Member not found");
    }
    await assertSourcesInWorkspace(tx, workspaceId, next.sourceIds);
    const after = await tx.membership.update({ where: { id: member.id }, data: next });
    const view = (m: { role: string; allSources: boolean; sourceIds: string[] }) => ({
      email: member.user.email, role: m.role, allSources: m.allSources, sourceIds: m.sourceIds,
    });
    await recordAudit(tx, {
      workspaceId, actor, requestId, action: "member.change_role", targetType: "membership", targetId: member.id,
      before: view(member), after: view(after),
    });
    return after;
  });
}
