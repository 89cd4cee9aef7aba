import { getWorkspace } from "@/domain/workspaces/get-workspace";
import { setBillingTier, setBillingTierInput } from "@/domain/workspaces/set-billing-tier";
import { apiRoute } from "@/lib/api/api-route";

export const GET = apiRoute({ auth: { action: "billing.read" } }, async ({ workspaceId }) => {
  const w = await getWorkspace({ workspaceId });
  return { tier: w.tier, customMtuLimit: w.customMtuLimit, customDestinationLimit: w.customDestinationLimit, limits: w.limits };
});

export const PUT = apiRoute(
  { auth: { action: "billing.write" }, body: setBillingTierInput },
  async ({ workspaceId, body, actor, requestId }) => {
    const w = await setBillingTier({ workspaceId, actor, requestId, ...body });
    return { tier: w.tier, customMtuLimit: w.customMtuLimit, customDestinationLimit: w.customDestinationLimit };
  },
);
