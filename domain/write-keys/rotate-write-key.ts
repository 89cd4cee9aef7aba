import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { issueWriteKey } from "./issue-write-key";

export const DEFAULT_ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

export type RotateWriteKeyOptions = {
  workspaceId: string;
  sourceId: string;
  // Rotate this key only; by default every live key of the source.
  keyId?: string;
  graceMs?: number;
  actor: Actor;
  requestId?: string;
  now?: Date;
};

// Issues a new key that works at once; the old keys keep working until now + grace, so deployed clients can move.
export async function rotateWriteKey({ workspaceId, sourceId, keyId, graceMs = DEFAULT_ROTATION_GRACE_MS, actor, requestId, now = new Date() }: RotateWriteKeyOptions) {
  if (!Number.isFinite(graceMs) || graceMs < 0) graceMs = 0;
  const expiresAt = new Date(now.getTime() + graceMs);
  return getPrisma().$transaction(async (tx) => {
    const source = await tx.source.findFirst({ where: { id: sourceId, workspaceId }, select: { id: true, type: true } });
    if (!source) throw notFound("Source not found");
    const live = await tx.writeKey.findMany({
      where: {
        workspaceId,
        sourceId,
        revokedAt: null,
        ...(keyId ? { id: keyId } : {}),
        OR: [{ expiresAt: null }, { expiresAt: { gt: expiresAt } }],
      },
      select: { id: true, prefix: true },
    });
    if (keyId && live.length === 0) throw notFound("Write key not found");
    if (live.length > 0) {
      await tx.writeKey.updateMany({ where: { workspaceId, id: { in: live.map((k) => k.id) } }, data: { expiresAt } });
    }
    const key = await issueWriteKey(tx, { workspaceId, sourceId, sourceType: source.type });
    await recordAudit(tx, {
      workspaceId,
      actor,
      action: "write_key.rotate",
      targetType: "source",
      targetId: sourceId,
      before: { keys: live.map((k) => ({ id: k.id, prefix: k.prefix })) },
      after: { newKeyId: key.id, newKeyPrefix: key.prefix, oldKeysExpireAt: expiresAt.toISOString() },
      requestId,
    });
    return { ...key, sourceId, rotated: live.map((k) => ({ id: k.id, prefix: k.prefix, expiresAt })) };
  });
}
