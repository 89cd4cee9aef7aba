import { filterInput } from "@/domain/destinations/destination-schemas";
import { deleteFilter, updateFilter } from "@/domain/destinations/update-filter";
import { apiRoute } from "@/lib/api/api-route";

export const PUT = apiRoute({ auth: { action: "destinations.write" }, body: filterInput }, async ({ workspaceId, params, body, actor, requestId }) => ({
  filter: await updateFilter({ workspaceId, destinationId: params.destinationId, filterId: params.filterId, filter: body, actor, requestId }),
}));

export const DELETE = apiRoute({ auth: { action: "destinations.write" } }, async ({ workspaceId, params, actor, requestId }) =>
  deleteFilter({ workspaceId, destinationId: params.destinationId, filterId: params.filterId, actor, requestId }),
);
