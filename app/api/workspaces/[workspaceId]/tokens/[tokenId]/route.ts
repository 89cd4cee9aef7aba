import { revokeApiToken } from "@/domain/tokens/revoke-api-token";
import { apiRoute } from "@/lib/api/api-route";

export const DELETE = apiRoute({ auth: { action: "tokens.write" } }, async ({ workspaceId, params, actor, requestId }) => {
  const t = await revokeApiToken({ workspaceId, tokenId: params.tokenId, actor, requestId });
  return { id: t.id, revokedAt: t.revokedAt };
});
