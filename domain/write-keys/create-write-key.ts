import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { issueWriteKey } from "./issue-write-key";

export type CreateWriteKeyOptions = { workspaceId: string; sourceId: string; actor: Actor; requestId?: string };

// An additional key for a source; the result holds the full key, shown once.
export async function createWriteKey({ workspaceId, sourceId, actor, requestId }: CreateWriteKeyOptions) {
  return getPrisma().$transaction(async (tx) => {
    const source = await tx.source.findFirst({ where: { id: sourceId, workspaceId }, select: { id: true, type: true } });
    if (!source) throw notFound("Source not found");
    const key = await issueWriteKey(tx, { workspaceId, sourceId, sourceType: source.type });
    await recordAudit(tx, {
      workspaceId,
      actor,
      action: "write_key.create",
      targetType: "write_key",
      targetId: key.id,
      after: { sourceId, prefix: key.prefix },
      requestId,
    });
    return { ...key, sourceId };
  });
}
