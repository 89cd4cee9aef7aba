import { getPrisma } from "@/lib/db/prisma";
import { getEnv } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors/app-error";
import { fromZodError } from "@/lib/errors/from-zod";
import { hashToken, randomToken } from "@/lib/crypto/tokens";
import { createId } from "@/lib/ids/create-id";
import { logger } from "@/lib/log/logger";
import { emailSchema } from "@/lib/validation/common";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { assertSourcesInWorkspace, normalizeScope, roleAndScope, type RoleAndScope } from "../members/member-scope";
import { sendInvitationEmail } from "./send-invitation-email";

const INVITATION_DAYS = 7;

export type CreateInvitationOptions = {
  workspaceId: string;
  email: string;
  invitedById: string;
  actor: Actor;
  requestId?: string;
} & Partial<RoleAndScope> & Pick<RoleAndScope, "role">;

// No mail server is assumed: the link is returned to the inviter (shown once in the console) and logged;
// with SMTP_URL set it is also mailed. Only the token's hash is stored.
export async function createInvitation({ workspaceId, email, invitedById, actor, requestId, ...input }: CreateInvitationOptions) {
  const parsedEmail = emailSchema.safeParse(email);
  if (!parsedEmail.success) throw fromZodError(parsedEmail.error, "Invalid email");
  const parsed = roleAndScope.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error);
  const scope = normalizeScope(parsed.data);
  const to = parsedEmail.data;
  const token = randomToken(40);

  const invitation = await getPrisma().$transaction(async (tx) => {
    const workspace = await tx.workspace.findUnique({ where: { id: workspaceId }, select: { id: true, name: true } });
    if (!workspace) throw notFound("Workspace not found");
    const existing = await tx.membership.findFirst({ where: { workspaceId, user: { email: to } } });
    if (existing) throw new AppError("conflict", `${to} is already a member of this workspace`);
    await assertSourcesInWorkspace(tx, workspaceId, scope.sourceIds);
    // A new invitation replaces any pending one for the same address.
    await tx.invitation.updateMany({ where: { workspaceId, email: to, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    const row = await tx.invitation.create({
      data: {
        id: createId({ kind: "invitation" }),
        workspaceId,
        email: to,
        ...scope,
        tokenHash: hashToken(token),
        invitedById,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
      },
    });
    await recordAudit(tx, {
      workspaceId, actor, requestId, action: "member.invite", targetType: "invitation", targetId: row.id,
      after: { email: to, ...scope },
    });
    return { ...row, workspaceName: workspace.name };
  });

  const link = new URL(`/invite/${token}`, getEnv().CONSOLE_URL).toString();
  logger.info("invitation created", { workspaceId, invitationId: invitation.id, email: to, link });
  const emailed = await sendInvitationEmail({ to, link, workspaceName: invitation.workspaceName }).catch((err: Error) => {
    logger.warn("invitation email not sent", { invitationId: invitation.id, error: err.message });
    return false;
  });
  return {
    id: invitation.id,
    email: to,
    role: invitation.role,
    allSources: invitation.allSources,
    sourceIds: invitation.sourceIds,
    expiresAt: invitation.expiresAt,
    link,
    emailed,
  };
}
