import { z } from "zod";
import { previewInput } from "@/domain/destinations/destination-schemas";
import { previewDelivery } from "@/domain/destinations/preview-delivery";
import { apiRoute } from "@/lib/api/api-route";
import { requireDestination } from "@/lib/api/require-destination";
import { notFound } from "@/lib/errors/app-error";
import { filterDefinitionSchema } from "@/pipeline/filters/filter-schema";
import { mappingDefinitionSchema } from "@/pipeline/mappings/mapping-schema";
import { canOnSource } from "@/lib/permissions/permissions";

// Whether an event passes the filters and the exact request that would be sent; unsaved filters or mappings
// may be given to preview an edit. Nothing is sent.
const body = previewInput.extend({
  filters: z.array(filterDefinitionSchema).max(50).optional(),
  mappings: z.array(mappingDefinitionSchema).max(50).optional(),
});

export const POST = apiRoute({ auth: { action: "destinations.read" }, body }, async ({ workspaceId, params, body, grant }) => {
  await requireDestination({ workspaceId, destinationId: params.destinationId, grant, action: "destinations.read" });
  if (!canOnSource(grant, "destinations.read", body.sourceId)) throw notFound("Source not found");
  return previewDelivery({ workspaceId, destinationId: params.destinationId, ...body });
});
