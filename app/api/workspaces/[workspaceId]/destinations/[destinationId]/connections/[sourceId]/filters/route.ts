import { addFilter } from "@/domain/destinations/add-filter";
import { filterInput } from "@/domain/destinations/destination-schemas";
import { apiRoute } from "@/lib/api/api-route";
import { requireDestination } from "@/lib/api/require-destination";
import { notFound } from "@/lib/errors/app-error";
import { canOnSource } from "@/lib/permissions/permissions";

// An expression that does not parse is refused with 400 and the position of the problem.
export const POST = apiRoute({ auth: { action: "destinations.write" }, body: filterInput }, async ({ workspaceId, params, body, grant, actor, requestId }) => {
  await requireDestination({ workspaceId, destinationId: params.destinationId, grant, action: "destinations.write" });
  if (!canOnSource(grant, "destinations.write", params.sourceId)) throw notFound("Connection not found");
  return { filter: await addFilter({ workspaceId, destinationId: params.destinationId, sourceId: params.sourceId, filter: body, actor, requestId }) };
});
