import { deleteDestination } from "@/domain/destinations/delete-destination";
import { updateDestinationInput } from "@/domain/destinations/destination-schemas";
import { getDestination } from "@/domain/destinations/get-destination";
import { updateDestination } from "@/domain/destinations/update-destination";
import { apiRoute } from "@/lib/api/api-route";
import { requireDestination } from "@/lib/api/require-destination";

// A member limited to some sources sees only the connections to them.
export const GET = apiRoute({ auth: { action: "destinations.read" } }, async ({ workspaceId, params, grant }) => {
  const { scope } = await requireDestination({ workspaceId, destinationId: params.destinationId, grant, action: "destinations.read" });
  return { destination: await getDestination({ workspaceId, destinationId: params.destinationId, sourceIds: scope }) };
});

export const PATCH = apiRoute(
  { auth: { action: "destinations.write" }, body: updateDestinationInput },
  async ({ workspaceId, params, body, grant, actor, requestId }) => {
    await requireDestination({ workspaceId, destinationId: params.destinationId, grant, action: "destinations.write" });
    return { destination: await updateDestination({ workspaceId, destinationId: params.destinationId, ...body, actor, requestId }) };
  },
);

export const DELETE = apiRoute({ auth: { action: "destinations.write" } }, async ({ workspaceId, params, grant, actor, requestId }) => {
  await requireDestination({ workspaceId, destinationId: params.destinationId, grant, action: "destinations.write" });
  return deleteDestination({ workspaceId, destinationId: params.destinationId, actor, requestId });
});
