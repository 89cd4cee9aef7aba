import { getUsage } from "@/domain/usage/get-usage";
import { apiRoute } from "@/lib/api/api-route";
import { sourceScope } from "@/lib/api/require-source";

// MTU this month against the plan's limit (workspace-wide), and events per day per source, limited to the
// member's sources when it is scoped to some.
export const GET = apiRoute({ auth: { action: "usage.read" } }, async ({ workspaceId, grant }) => {
  const usage = await getUsage({ workspaceId });
  const scope = sourceScope(grant);
  return scope ? { ...usage, eventsPerDay: usage.eventsPerDay.filter((d) => scope.includes(d.sourceId)) } : usage;
});
