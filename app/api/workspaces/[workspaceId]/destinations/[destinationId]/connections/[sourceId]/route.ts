import { disconnectDestination } from "@/domain/destinations/disconnect-destination";
import { apiRoute } from "@/lib/api/api-route";
import { requireDestination } from "@/lib/api/require-destination";
import { notFound } from "@/lib/errors/app-error";
import { canOnSource } from "@/lib/permissions/permissions";

export const DELETE = apiRoute({ auth: { action: "destinations.write" } }, async ({ workspaceId, params, grant, actor, requestId }) => {
  await requireDestination({ workspaceId, destinationId: params.destinationId, grant, action: "destinations.write" });
  if (!canOnSource(grant, "destinations.write", params.sourceId)) throw notFound("Connection not found");
  return disconnectDestination({ workspaceId, destinationId: params.destinationId, sourceId: params.sourceId, actor, requestId });
});
