import { z } from "zod";
import { createWriteKey } from "@/domain/write-keys/create-write-key";
import { listWriteKeys } from "@/domain/write-keys/list-write-keys";
import { apiRoute } from "@/lib/api/api-route";
import { requireSource } from "@/lib/api/require-source";
import { canOnSource } from "@/lib/permissions/permissions";

// Everyone who may read keys sees their prefixes. A browser source's full key (public in every page that loads
// analytics.js) is shown again only to members with secrets.read; other sources' keys are never stored in full.
export const GET = apiRoute({ auth: { action: "writekeys.read" } }, async ({ workspaceId, params, grant }) => {
  const { sourceId } = params;
  await requireSource({ workspaceId, sourceId, grant, action: "writekeys.read" });
  const showKey = canOnSource(grant, "secrets.read", sourceId);
  const keys = await listWriteKeys({ workspaceId, sourceId });
  return { keys: keys.map((k) => ({ ...k, key: showKey ? k.key : null })) };
});

// An extra key for the source, in full: shown once. The body is empty ({}).
export const POST = apiRoute(
  { auth: { action: "writekeys.write" }, body: z.object({}) },
  async ({ workspaceId, params, grant, actor, requestId }) => {
    await requireSource({ workspaceId, sourceId: params.sourceId, grant, action: "writekeys.write" });
    return { writeKey: await createWriteKey({ workspaceId, sourceId: params.sourceId, actor, requestId }) };
  },
);
