import { mappingInput } from "@/domain/destinations/destination-schemas";
import { saveMapping } from "@/domain/destinations/save-mapping";
import { apiRoute } from "@/lib/api/api-route";
import { requireDestination } from "@/lib/api/require-destination";

export const POST = apiRoute({ auth: { action: "destinations.write" }, body: mappingInput }, async ({ workspaceId, params, body, grant, actor, requestId }) => {
  await requireDestination({ workspaceId, destinationId: params.destinationId, grant, action: "destinations.write" });
  return { mapping: await saveMapping({ workspaceId, destinationId: params.destinationId, mapping: body, actor, requestId }) };
});
