import { createDestination } from "@/domain/destinations/create-destination";
import { createDestinationInput } from "@/domain/destinations/destination-schemas";
import { listDestinations } from "@/domain/destinations/list-destinations";
import { apiRoute } from "@/lib/api/api-route";
import { sourceScope } from "@/lib/api/require-source";

// A member limited to some sources lists the destinations within its reach (lib/api/require-destination.ts).
export const GET = apiRoute({ auth: { action: "destinations.read" } }, async ({ workspaceId, grant }) => ({
  destinations: await listDestinations({ workspaceId, sourceIds: sourceScope(grant) }),
}));

export const POST = apiRoute({ auth: { action: "destinations.write" }, body: createDestinationInput }, async ({ workspaceId, body, actor, requestId }) => ({
  destination: await createDestination({ workspaceId, ...body, actor, requestId }),
}));
