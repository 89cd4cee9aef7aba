import { z } from "zod";
import { issueDebuggerToken } from "@/domain/debugger/issue-debugger-token";
import { apiRoute } from "@/lib/api/api-route";
import { requireSource } from "@/lib/api/require-source";
import { getEnv } from "@/lib/env";

// Nothing to send yet: an empty object.
const tokenInput = z.object({});

// A token for one source's debugger stream; a source outside the member's scope is a 404.
export const POST = apiRoute({ auth: { action: "debugger.read" }, body: tokenInput }, async ({ workspaceId, params, grant, actor }) => {
  const source = await requireSource({ workspaceId, sourceId: params.sourceId, grant, action: "debugger.read" });
  const env = getEnv();
  const issued = issueDebuggerToken({
    secret: env.AUTH_SECRET,
    collectorUrl: env.COLLECTOR_PUBLIC_URL,
    workspaceId,
    subjectId: actor.id ?? "anonymous",
    sourceIds: [source.id],
    sourceId: source.id,
  });
  return Response.json(issued, { headers: { "Cache-Control": "no-store" } });
});
