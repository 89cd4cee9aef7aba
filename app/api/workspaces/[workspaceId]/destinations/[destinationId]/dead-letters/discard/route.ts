import { deadLetterSelection } from "@/domain/destinations/destination-schemas";
import { discardDeadLetters } from "@/domain/destinations/retry-dead-letters";
import { apiRoute } from "@/lib/api/api-route";

export const POST = apiRoute({ auth: { action: "destinations.write" }, body: deadLetterSelection }, async ({ workspaceId, params, body, actor, requestId }) =>
  discardDeadLetters({ workspaceId, destinationId: params.destinationId, ids: body.ids, actor, requestId }),
);
