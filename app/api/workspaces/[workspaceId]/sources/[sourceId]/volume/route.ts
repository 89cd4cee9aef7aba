import { getSourceVolume } from "@/domain/sources/get-source-volume";
import { apiRoute } from "@/lib/api/api-route";
import { requireSource } from "@/lib/api/require-source";

// Events accepted per hour over the last 24 hours.
export const GET = apiRoute({ auth: { action: "sources.read" } }, async ({ workspaceId, params, grant }) => {
  await requireSource({ workspaceId, sourceId: params.sourceId, grant, action: "sources.read" });
  return getSourceVolume({ workspaceId, sourceId: params.sourceId });
});
