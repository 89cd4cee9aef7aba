import { z } from "zod";
import { listDeadLetters } from "@/domain/destinations/list-dead-letters";
import { apiRoute } from "@/lib/api/api-route";
import { requireDestination } from "@/lib/api/require-destination";

const query = z.object({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  beforeId: z.coerce.number().int().positive().optional(),
});

export const GET = apiRoute({ auth: { action: "destinations.read" }, query }, async ({ workspaceId, params, query, grant }) => {
  const { scope } = await requireDestination({ workspaceId, destinationId: params.destinationId, grant, action: "destinations.read" });
  return listDeadLetters({ workspaceId, destinationId: params.destinationId, ...query, sourceIds: scope });
});
