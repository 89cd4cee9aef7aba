import { revokeWriteKey } from "@/domain/write-keys/revoke-write-key";
import { apiRoute } from "@/lib/api/api-route";
import { requireSource } from "@/lib/api/require-source";

// Revokes the key now (the row stays, for the list and the audit trail). Collectors refuse it within their key
// cache TTL, a few seconds.
export const DELETE = apiRoute({ auth: { action: "writekeys.write" } }, async ({ workspaceId, params, grant, actor, requestId }) => {
  await requireSource({ workspaceId, sourceId: params.sourceId, grant, action: "writekeys.write" });
  const k = await revokeWriteKey({ workspaceId, sourceId: params.sourceId, keyId: params.writeKeyId, actor, requestId });
  return { id: k.id, prefix: k.prefix, revokedAt: k.revokedAt };
});
