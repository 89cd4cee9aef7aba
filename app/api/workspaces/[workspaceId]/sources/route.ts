import { z } from "zod";
import { createSource } from "@/domain/sources/create-source";
import { listSources } from "@/domain/sources/list-sources";
import { sourceNameSchema, sourceTypeSchema } from "@/domain/sources/source-schemas";
import { apiRoute } from "@/lib/api/api-route";
import { sourceScope } from "@/lib/api/require-source";

// The sources a member may see, with their 7-day event volume and live key count.
export const GET = apiRoute({ auth: { action: "sources.read" } }, async ({ workspaceId, grant }) => ({
  sources: await listSources({ workspaceId, sourceIds: sourceScope(grant) }),
}));

// The new source and its first write key in full: the only time a Server or HTTP source's key is shown.
export const POST = apiRoute(
  { auth: { action: "sources.create" }, body: z.object({ name: sourceNameSchema, type: sourceTypeSchema }) },
  async ({ workspaceId, body, actor, requestId }) => {
    const { source, writeKey } = await createSource({ workspaceId, name: body.name, type: body.type, actor, requestId });
    return {
      source: { id: source.id, name: source.name, type: source.type, createdAt: source.createdAt, updatedAt: source.updatedAt },
      writeKey,
    };
  },
);
