import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";

export type ListWriteKeysOptions = { workspaceId: string; sourceId: string; now?: Date };

export type WriteKeySummary = {
  id: string;
  prefix: string;
  // Browser sources only; null otherwise (the key is shown once, at creation).
  key: string | null;
  status: "active" | "expiring" | "expired" | "revoked";
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
};

export async function listWriteKeys({ workspaceId, sourceId, now = new Date() }: ListWriteKeysOptions): Promise<WriteKeySummary[]> {
  const db = getPrisma();
  const source = await db.source.findFirst({ where: { id: sourceId, workspaceId }, select: { id: true } });
  if (!source) throw notFound("Source not found");
  const keys = await db.writeKey.findMany({ where: { workspaceId, sourceId }, orderBy: { createdAt: "desc" } });
  return keys.map((k) => ({
    id: k.id,
    prefix: k.prefix,
    key: k.keyPlain,
    status: k.revokedAt ? "revoked" : k.expiresAt && k.expiresAt <= now ? "expired" : k.expiresAt ? "expiring" : "active",
    createdAt: k.createdAt,
    expiresAt: k.expiresAt,
    revokedAt: k.revokedAt,
  }));
}
