import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";

export type RevokeApiTokenOptions = { workspaceId: string; tokenId: string; actor: Actor; requestId?: string };

export async function revokeApiToken({ workspaceId, tokenId, actor, requestId }: RevokeApiTokenOptions) {
  return getPrisma().$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id: tokenId, workspaceId } });
    if (!token) throw notFound("API token not found");
    if (token.revokedAt) return token;
    const after = await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      workspaceId, actor, requestId, action: "token.revoke", targetType: "api_token", targetId: token.id,
      before: { name: token.name, revokedAt: null }, after: { name: token.name, revokedAt: after.revokedAt },
    });
    return after;
  });
}
