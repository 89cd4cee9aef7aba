import { deadLetterSelection } from "@/domain/destinations/destination-schemas";
import { discardDeadLetters } from "@/domain/destinations/retry-dead-letters";
import { apiRoute } from "@/lib/api/api-route";
import { requireDestination } from "@/lib/api/require-destination";

export const POST = apiRoute({ auth: { action: "destinations.write" }, body: deadLetterSelection }, async ({ workspaceId, params, body, grant, actor, requestId }) => {
  const { scope } = await requireDestination({ workspaceId, destinationId: params.destinationId, grant, action: "destinations.write" });
  return discardDeadLetters({ workspaceId, destinationId: params.destinationId, ids: body.ids, sourceIds: scope, actor, requestId });
});
