import { getPrisma } from "@/lib/db/prisma";
import { AppError, notFound } from "@/lib/errors/app-error";
import { fromZodError } from "@/lib/errors/from-zod";
import { createId } from "@/lib/ids/create-id";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { assertSourcesInWorkspace, normalizeScope, roleAndScope, type RoleAndScope } from "./member-scope";

export type AddMemberOptions = { workspaceId: string; email: string; actor: Actor; requestId?: string } & Partial<RoleAndScope> &
  Pick<RoleAndScope, "role">;

// Adds an existing user directly (operators at the CLI). People without an account are invited instead.
export async function addMember({ workspaceId, email, actor, requestId, ...input }: AddMemberOptions) {
  const parsed = roleAndScope.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error);
  const scope = normalizeScope(parsed.data);
  return getPrisma().$transaction(async (tx) => {
    const workspace = await tx.workspace.findUnique({ where: { id: workspaceId }, select: { id: true } });
    if (!workspace) throw notFound("Workspace not found");
    const user = await tx.user.findUnique({ where: { email: email.trim().toLowerCase() } });
    if (!user) throw notFound(`No user with email ${email}: create the user first, or invite them`);
    if (await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId: user.id } } })) {
      throw new AppError("conflict", `${user.email} is already a member of this workspace`);
    }
    await assertSourcesInWorkspace(tx, workspaceId, scope.sourceIds);
    const member = await tx.membership.create({ data: { id: createId({ kind: "membership" }), workspaceId, userId: user.id, ...scope } });
    await recordAudit(tx, {
      workspaceId, actor, requestId, action: "member.add", targetType: "membership", targetId: member.id,
      after: { email: user.email, ...scope },
    });
    return { ...member, email: user.email };
  });
}
