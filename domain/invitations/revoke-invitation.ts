import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";

export type RevokeInvitationOptions = { workspaceId: string; invitationId: string; actor: Actor; requestId?: string };

export async function revokeInvitation({ workspaceId, invitationId, actor, requestId }: RevokeInvitationOptions) {
  return getPrisma().$transaction(async (tx) => {
    const inv = await tx.invitation.findFirst({ where: { id: invitationId, workspaceId, acceptedAt: null, revokedAt: null } });
    if (!inv) throw notFound("Invitation not found");
    await tx.invitation.update({ where: { id: inv.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      workspaceId, actor, requestId, action: "member.invite_revoke", targetType: "invitation", targetId: inv.id,
      before: { email: inv.email, role: inv.role },
    });
    return { id: inv.id };
  });
}
