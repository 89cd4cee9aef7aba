import { mappingInput } from "@/domain/destinations/destination-schemas";
import { saveMapping } from "@/domain/destinations/save-mapping";
import { apiRoute } from "@/lib/api/api-route";

export const POST = apiRoute({ auth: { action: "destinations.write" }, body: mappingInput }, async ({ workspaceId, params, body, actor, requestId }) => ({
  mapping: await saveMapping({ workspaceId, destinationId: params.destinationId, mapping: body, actor, requestId }),
}));
