import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";

export type RevokeWriteKeyOptions = {
  workspaceId: string;
  keyId: string;
  // When given, the key must belong to this source (the console's per-source route); otherwise "not found".
  sourceId?: string;
  actor: Actor;
  requestId?: string;
};

// Effective immediately in the database; collectors notice within their key cache TTL (a few seconds).
export async function revokeWriteKey({ workspaceId, keyId, sourceId, actor, requestId }: RevokeWriteKeyOptions) {
  return getPrisma().$transaction(async (tx) => {
    const key = await tx.writeKey.findFirst({ where: { id: keyId, workspaceId, ...(sourceId ? { sourceId } : {}) }, select: { id: true, prefix: true, sourceId: true, revokedAt: true } });
    if (!key) throw notFound("Write key not found");
    const revokedAt = key.revokedAt ?? new Date();
    if (!key.revokedAt) {
      await tx.writeKey.update({ where: { id: key.id, workspaceId }, data: { revokedAt } });
      await recordAudit(tx, {
        workspaceId,
        actor,
        action: "write_key.revoke",
        targetType: "write_key",
        targetId: key.id,
        after: { prefix: key.prefix, sourceId: key.sourceId, revokedAt: revokedAt.toISOString() },
        requestId,
      });
    }
    return { id: key.id, prefix: key.prefix, sourceId: key.sourceId, revokedAt };
  });
}
