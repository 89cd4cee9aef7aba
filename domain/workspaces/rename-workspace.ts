import { z } from "zod";
import { getPrisma } from "@/lib/db/prisma";
import { fromZodError } from "@/lib/errors/from-zod";
import { notFound } from "@/lib/errors/app-error";
import { nameSchema } from "@/lib/validation/common";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";

export type RenameWorkspaceOptions = { workspaceId: string; name: string; actor: Actor; requestId?: string };

export async function renameWorkspace({ workspaceId, name, actor, requestId }: RenameWorkspaceOptions) {
  const parsed = z.object({ name: nameSchema }).safeParse({ name });
  if (!parsed.success) throw fromZodError(parsed.error);
  return getPrisma().$transaction(async (tx) => {
    const before = await tx.workspace.findUnique({ where: { id: workspaceId } });
    if (!before) throw notFound("Workspace not found");
    const after = await tx.workspace.update({ where: { id: workspaceId }, data: { name: parsed.data.name } });
    await recordAudit(tx, {
      workspaceId, actor, requestId, action: "workspace.rename", targetType: "workspace", targetId: workspaceId,
      before: { name: before.name }, after: { name: after.name },
    });
    return after;
  });
}
