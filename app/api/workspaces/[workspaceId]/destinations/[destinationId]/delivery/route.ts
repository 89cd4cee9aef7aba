import { z } from "zod";
import { getDeliveryStats } from "@/domain/destinations/get-delivery-stats";
import { apiRoute } from "@/lib/api/api-route";
import { requireDestination } from "@/lib/api/require-destination";

const query = z.object({
  hours: z.coerce.number().int().min(1).max(720).optional(),
  bucketMinutes: z.coerce.number().int().min(1).max(1440).optional(),
});

// Delivered / retried / failed / dead-lettered over time, p95 latency, recent errors with redacted samples.
export const GET = apiRoute({ auth: { action: "destinations.read" }, query }, async ({ workspaceId, params, query, grant }) => {
  const { scope } = await requireDestination({ workspaceId, destinationId: params.destinationId, grant, action: "destinations.read" });
  return getDeliveryStats({ workspaceId, destinationId: params.destinationId, ...query, sourceIds: scope });
});
