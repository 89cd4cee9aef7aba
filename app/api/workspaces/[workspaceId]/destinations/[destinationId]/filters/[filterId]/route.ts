import { filterInput } from "@/domain/destinations/destination-schemas";
import { deleteFilter, updateFilter } from "@/domain/destinations/update-filter";
import { apiRoute } from "@/lib/api/api-route";
import { requireDestination } from "@/lib/api/require-destination";
import { canOnSource } from "@/lib/permissions/permissions";

// A member scoped to some sources finds only the filters of those sources' connections.
export const PUT = apiRoute({ auth: { action: "destinations.write" }, body: filterInput }, async ({ workspaceId, params, body, grant, actor, requestId }) => {
  await requireDestination({ workspaceId, destinationId: params.destinationId, grant, action: "destinations.write" });
  return {
    filter: await updateFilter({
      workspaceId, destinationId: params.destinationId, filterId: params.filterId, filter: body,
      maySource: (sourceId) => canOnSource(grant, "destinations.write", sourceId), actor, requestId,
    }),
  };
});

export const DELETE = apiRoute({ auth: { action: "destinations.write" } }, async ({ workspaceId, params, grant, actor, requestId }) => {
  await requireDestination({ workspaceId, destinationId: params.destinationId, grant, action: "destinations.write" });
  return deleteFilter({
    workspaceId, destinationId: params.destinationId, filterId: params.filterId,
    maySource: (sourceId) => canOnSource(grant, "destinations.write", sourceId), actor, requestId,
  });
});
