import { getPrisma } from "@/lib/db/prisma";
import { AppError, notFound } from "@/lib/errors/app-error";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";

export type RemoveMemberOptions = { workspaceId: string; membershipId: string; actor: Actor; requestId?: string };

export async function removeMember({ workspaceId, membershipId, actor, requestId }: RemoveMemberOptions) {
  return getPrisma().$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { id: membershipId, workspaceId }, include: { user: { select: { email: true } } } });
    if (!member) throw notFound("Member not found");
    if (member.role === "OWNER" && (await tx.membership.count({ where: { workspaceId, role: "OWNER" } })) <= 1) {
      throw new AppError("conflict", "The last Owner cannot be removed");
    }
    await tx.membership.delete({ where: { id: member.id } });
    await recordAudit(tx, {
      workspaceId, actor, requestId, action: "member.remove", targetType: "membership", targetId: member.id,
      before: { email: member.user.email, role: member.role },
    });
    return { id: member.id };
  });
}
