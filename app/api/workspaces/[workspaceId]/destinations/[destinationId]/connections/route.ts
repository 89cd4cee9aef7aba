import { connectDestination } from "@/domain/destinations/connect-destination";
import { connectInput } from "@/domain/destinations/destination-schemas";
import { apiRoute } from "@/lib/api/api-route";
import { requireDestination } from "@/lib/api/require-destination";
import { notFound } from "@/lib/errors/app-error";
import { canOnSource } from "@/lib/permissions/permissions";

export const POST = apiRoute({ auth: { action: "destinations.write" }, body: connectInput }, async ({ workspaceId, params, body, grant, actor, requestId }) => {
  await requireDestination({ workspaceId, destinationId: params.destinationId, grant, action: "destinations.write" });
  // A member scoped to some sources cannot connect (or learn about) the others.
  if (!canOnSource(grant, "destinations.write", body.sourceId)) throw notFound("Source not found");
  return { connection: await connectDestination({ workspaceId, destinationId: params.destinationId, sourceId: body.sourceId, actor, requestId }) };
});
