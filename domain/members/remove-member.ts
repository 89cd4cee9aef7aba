import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { assertKeepsOwner } from "./assert-keeps-owner";

export type RemoveMemberOptions = { workspaceId: string; membershipId: string; actor: Actor; requestId?: string };

export async function removeMember({ workspaceId, membershipId, actor, requestId }: RemoveMemberOptions) {
  return getPrisma().$transaction(async (tx) => {
    let member = await tx.membership.findFirst({ where: { id: membershipId, workspaceId }, include: { user: { select: { email: true } } } });
    if (!member) throw notFound("Member not found");
    if (member.role === "OWNER") {
      await assertKeepsOwner(tx, { workspaceId, message: "The last Owner cannot be removed" });
      // Re-read after the lock: a concurrent change may have got there first.
      member = await tx.membership.findFirst({ where: { id: membershipId, workspaceId }, include: { user: { select: { email: true } } } });
      if (!member) throw notFound("Member not found");
    }
    await tx.membership.delete({ where: { id: member.id } });
    await recordAudit(tx, {
      workspaceId, actor, requestId, action: "member.remove", targetType: "membership", targetId: member.id,
      before: { email: member.user.email, role: member.role },
    });
    return { id: member.id };
  });
}
