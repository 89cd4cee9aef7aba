import { getPrisma } from "@/lib/db/prisma";
import { AppError, notFound } from "@/lib/errors/app-error";
import { fromZodError } from "@/lib/errors/from-zod";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
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
    const member = await tx.membership.findFirst({ where: { id: membershipId, workspaceId }, include: { user: { select: { email: true } } } });
    if (!member) throw notFound("Member not found");
    if (member.role === "OWNER" && next.role !== "OWNER") {
      const owners = await tx.membership.count({ where: { workspaceId, role: "OWNER" } });
      if (owners <= 1) throw new AppError("conflict", "A workspace needs at least one Owner: make someone else Owner first");
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
