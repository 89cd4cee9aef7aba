import { mappingInput } from "@/domain/destinations/destination-schemas";
import { deleteMapping, saveMapping } from "@/domain/destinations/save-mapping";
import { apiRoute } from "@/lib/api/api-route";

export const PUT = apiRoute({ auth: { action: "destinations.write" }, body: mappingInput }, async ({ workspaceId, params, body, actor, requestId }) => ({
  mapping: await saveMapping({ workspaceId, destinationId: params.destinationId, mappingId: params.mappingId, mapping: body, actor, requestId }),
}));

export const DELETE = apiRoute({ auth: { action: "destinations.write" } }, async ({ workspaceId, params, actor, requestId }) =>
  deleteMapping({ workspaceId, destinationId: params.destinationId, mappingId: params.mappingId, actor, requestId }),
);
