import { getPrisma } from "@/lib/db/prisma";
import { hashToken } from "@/lib/crypto/tokens";
import { AppError, notFound } from "@/lib/errors/app-error";
import { createId } from "@/lib/ids/create-id";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";

export type AcceptInvitationOptions = { token: string; userId: string; actor: Actor; requestId?: string };

// The invitation is for one address: only the account with that email can accept it.
export async function acceptInvitation({ token, userId, actor, requestId }: AcceptInvitationOptions) {
  return getPrisma().$transaction(async (tx) => {
    const inv = await tx.invitation.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!inv || inv.acceptedAt || inv.revokedAt || inv.expiresAt <= new Date()) {
      throw notFound("This invitation is invalid, expired or already used");
    }
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
    if (!user) throw notFound("User not found");
    if (user.email !== inv.email) {
      throw new AppError("forbidden", `This invitation is for ${inv.email}. Sign in with that address to accept it.`);
    }
    const existing = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId: inv.workspaceId, userId } } });
    if (existing) throw new AppError("conflict", "You are already a member of this workspace");
    const member = await tx.membership.create({
      data: {
        id: createId({ kind: "membership" }),
        workspaceId: inv.workspaceId,
        userId,
        role: inv.role,
        allSources: inv.allSources,
        sourceIds: inv.sourceIds,
      },
    });
    await tx.invitation.update({ where: { id: inv.id }, data: { acceptedAt: new Date() } });
    await recordAudit(tx, {
      workspaceId: inv.workspaceId, actor, requestId, action: "member.join", targetType: "membership", targetId: member.id,
      after: { email: user.email, role: inv.role, allSources: inv.allSources, sourceIds: inv.sourceIds },
    });
    return { workspaceId: inv.workspaceId, membershipId: member.id };
  });
}
