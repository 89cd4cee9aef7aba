import { getPrisma } from "@/lib/db/prisma";
import { hashToken } from "@/lib/crypto/tokens";

export const API_TOKEN_PREFIX = "syt_";

// Resolves a bearer token to its workspace and role. Revoked, expired and unknown tokens all answer null.
export async function authenticateApiToken({ token }: { token: string }) {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const db = getPrisma();
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= new Date())) return null;
  // Coarse last-used time: one write per token per minute at most.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { id: row.id, name: row.name, workspaceId: row.workspaceId, role: row.role };
}
