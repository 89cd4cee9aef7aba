import { mappingInput } from "@/domain/destinations/destination-schemas";
import { deleteMapping, saveMapping } from "@/domain/destinations/save-mapping";
import { apiRoute } from "@/lib/api/api-route";
import { requireDestination } from "@/lib/api/require-destination";

export const PUT = apiRoute({ auth: { action: "destinations.write" }, body: mappingInput }, async ({ workspaceId, params, body, grant, actor, requestId }) => {
  await requireDestination({ workspaceId, destinationId: params.destinationId, grant, action: "destinations.write" });
  return { mapping: await saveMapping({ workspaceId, destinationId: params.destinationId, mappingId: params.mappingId, mapping: body, actor, requestId }) };
});

export const DELETE = apiRoute({ auth: { action: "destinations.write" } }, async ({ workspaceId, params, grant, actor, requestId }) => {
  await requireDestination({ workspaceId, destinationId: params.destinationId, grant, action: "destinations.write" });
  return deleteMapping({ workspaceId, destinationId: params.destinationId, mappingId: params.mappingId, actor, requestId });
});
