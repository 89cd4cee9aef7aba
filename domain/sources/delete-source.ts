import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";

export type DeleteSourceOptions = { workspaceId: string; sourceId: string; actor: Actor; requestId?: string };

// Its write keys go with it (cascade), so the collector refuses them once its key cache expires. Events already
// in the log stay until retention drops them.
export async function deleteSource({ workspaceId, sourceId, actor, requestId }: DeleteSourceOptions) {
  await getPrisma().$transaction(async (tx) => {
    const source = await tx.source.findFirst({ where: { id: sourceId, workspaceId } });
    if (!source) throw notFound("Source not found");
    await tx.source.delete({ where: { id: source.id, workspaceId } });
    await recordAudit(tx, {
      workspaceId,
      actor,
      action: "source.delete",
      targetType: "source",
      targetId: sourceId,
      before: { name: source.name, type: source.type },
      requestId,
    });
  });
  return { id: sourceId, deleted: true };
}
