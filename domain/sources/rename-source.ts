import { z } from "zod";
import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";
import { fromZodError } from "@/lib/errors/from-zod";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { sourceNameSchema } from "./source-schemas";

export type RenameSourceOptions = { workspaceId: string; sourceId: string; name: string; actor: Actor; requestId?: string };

export async function renameSource({ workspaceId, sourceId, name, actor, requestId }: RenameSourceOptions) {
  const parsed = z.object({ name: sourceNameSchema }).safeParse({ name });
  if (!parsed.success) throw fromZodError(parsed.error);
  return getPrisma().$transaction(async (tx) => {
    const before = await tx.source.findFirst({ where: { id: sourceId, workspaceId } });
    if (!before) throw notFound("Source not found");
    const source = await tx.source.update({ where: { id: before.id, workspaceId }, data: { name: parsed.data.name } });
    await recordAudit(tx, {
      workspaceId,
      actor,
      action: "source.rename",
      targetType: "source",
      targetId: sourceId,
      before: { name: before.name },
      after: { name: source.name },
      requestId,
    });
    return source;
  });
}
