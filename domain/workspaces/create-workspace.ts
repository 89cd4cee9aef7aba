import { z } from "zod";
import { getPrisma } from "@/lib/db/prisma";
import { fromZodError } from "@/lib/errors/from-zod";
import { notFound } from "@/lib/errors/app-error";
import { createId } from "@/lib/ids/create-id";
import { nameSchema } from "@/lib/validation/common";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";

export type CreateWorkspaceOptions = { name: string; ownerUserId: string; actor: Actor };

// The creator becomes the workspace's Owner.
export async function createWorkspace({ name, ownerUserId, actor }: CreateWorkspaceOptions) {
  const parsed = z.object({ name: nameSchema }).safeParse({ name });
  if (!parsed.success) throw fromZodError(parsed.error);
  const db = getPrisma();
  return db.$transaction(async (tx) => {
    const owner = await tx.user.findUnique({ where: { id: ownerUserId }, select: { id: true } });
    if (!owner) throw notFound("User not found");
    const workspace = await tx.workspace.create({ data: { id: createId({ kind: "workspace" }), name: parsed.data.name } });
    await tx.membership.create({
      data: { id: createId({ kind: "membership" }), workspaceId: workspace.id, userId: ownerUserId, role: "OWNER" },
    });
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actor,
      action: "workspace.create",
      targetType: "workspace",
      targetId: workspace.id,
      after: { name: workspace.name, tier: workspace.tier },
    });
    return workspace;
  });
}
