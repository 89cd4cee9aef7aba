import { z } from "zod";
import { deleteSource } from "@/domain/sources/delete-source";
import { renameSource } from "@/domain/sources/rename-source";
import { sourceNameSchema } from "@/domain/sources/source-schemas";
import { apiRoute } from "@/lib/api/api-route";
import { requireSource } from "@/lib/api/require-source";

export const GET = apiRoute({ auth: { action: "sources.read" } }, async ({ workspaceId, params, grant }) => ({
  source: await requireSource({ workspaceId, sourceId: params.sourceId, grant, action: "sources.read" }),
}));

export const PATCH = apiRoute(
  { auth: { action: "sources.write" }, body: z.object({ name: sourceNameSchema }) },
  async ({ workspaceId, params, grant, body, actor, requestId }) => {
    await requireSource({ workspaceId, sourceId: params.sourceId, grant, action: "sources.write" });
    const s = await renameSource({ workspaceId, sourceId: params.sourceId, name: body.name, actor, requestId });
    return { source: { id: s.id, name: s.name, type: s.type, createdAt: s.createdAt, updatedAt: s.updatedAt } };
  },
);

export const DELETE = apiRoute({ auth: { action: "sources.write" } }, async ({ workspaceId, params, grant, actor, requestId }) => {
  await requireSource({ workspaceId, sourceId: params.sourceId, grant, action: "sources.write" });
  return deleteSource({ workspaceId, sourceId: params.sourceId, actor, requestId });
});
