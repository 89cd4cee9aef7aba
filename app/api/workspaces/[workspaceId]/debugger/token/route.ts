import { z } from "zod";
import { issueDebuggerToken } from "@/domain/debugger/issue-debugger-token";
import { apiRoute } from "@/lib/api/api-route";
import { sourceScope } from "@/lib/api/require-source";
import { getEnv } from "@/lib/env";

// Nothing to send yet: an empty object.
const tokenInput = z.object({});

// A token for the workspace-wide debugger stream. A member limited to a list of sources gets a stream of those.
export const POST = apiRoute({ auth: { action: "debugger.read" }, body: tokenInput }, async ({ workspaceId, grant, actor }) => {
  const env = getEnv();
  const scope = sourceScope(grant);
  const issued = issueDebuggerToken({
    secret: env.AUTH_SECRET,
    collectorUrl: env.COLLECTOR_PUBLIC_URL,
    workspaceId,
    subjectId: actor.id ?? "anonymous",
    sourceIds: scope ?? null,
  });
  return Response.json(issued, { headers: { "Cache-Control": "no-store" } });
});
