import { createDestination } from "@/domain/destinations/create-destination";
import { createDestinationInput } from "@/domain/destinations/destination-schemas";
import { listDestinations } from "@/domain/destinations/list-destinations";
import { apiRoute } from "@/lib/api/api-route";

export const GET = apiRoute({ auth: { action: "destinations.read" } }, async ({ workspaceId }) => ({
  destinations: await listDestinations({ workspaceId }),
}));

export const POST = apiRoute({ auth: { action: "destinations.write" }, body: createDestinationInput }, async ({ workspaceId, body, actor, requestId }) => ({
  destination: await createDestination({ workspaceId, ...body, actor, requestId }),
}));
