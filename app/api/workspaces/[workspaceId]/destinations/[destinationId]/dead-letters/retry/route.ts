import { deadLetterSelection } from "@/domain/destinations/destination-schemas";
import { retryDeadLetters } from "@/domain/destinations/retry-dead-letters";
import { apiRoute } from "@/lib/api/api-route";

// Body `{ ids?: number[] }`: the listed dead letters, or all of the destination's.
export const POST = apiRoute({ auth: { action: "destinations.write" }, body: deadLetterSelection }, async ({ workspaceId, params, body, actor, requestId }) =>
  retryDeadLetters({ workspaceId, destinationId: params.destinationId, ids: body.ids, actor, requestId }),
);
