import { deleteDestination } from "@/domain/destinations/delete-destination";
import { updateDestinationInput } from "@/domain/destinations/destination-schemas";
import { getDestination } from "@/domain/destinations/get-destination";
import { updateDestination } from "@/domain/destinations/update-destination";
import { apiRoute } from "@/lib/api/api-route";

export const GET = apiRoute({ auth: { action: "destinations.read" } }, async ({ workspaceId, params }) => ({
  destination: await getDestination({ workspaceId, destinationId: params.destinationId }),
}));

export const PATCH = apiRoute(
  { auth: { action: "destinations.write" }, body: updateDestinationInput },
  async ({ workspaceId, params, body, actor, requestId }) => ({
    destination: await updateDestination({ workspaceId, destinationId: params.destinationId, ...body, actor, requestId }),
  }),
);

export const DELETE = apiRoute({ auth: { action: "destinations.write" } }, async ({ workspaceId, params, actor, requestId }) =>
  deleteDestination({ workspaceId, destinationId: params.destinationId, actor, requestId }),
);
