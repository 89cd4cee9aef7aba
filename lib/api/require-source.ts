import { getSource, type SourceDetail } from "@/domain/sources/get-source";
import { notFound } from "@/lib/errors/app-error";
import { canOnSource, isSourceLimited, type Action, type Grant } from "@/lib/permissions/permissions";

export type RequireSourceOptions = { workspaceId: string; sourceId: string; grant: Grant; action: Action };

// For routes under /sources/[sourceId]: apiRoute() has already checked the role may do `action` at all; this adds
// the source scope. A source outside the member's scope reads exactly like one that does not exist: 404.
export async function requireSource({ workspaceId, sourceId, grant, action }: RequireSourceOptions): Promise<SourceDetail> {
  if (!canOnSource(grant, action, sourceId)) throw notFound("Source not found");
  return getSource({ workspaceId, sourceId });
}

// The source ids a member is limited to, or undefined when it sees every source of the workspace.
export function sourceScope(grant: Grant): readonly string[] | undefined {
  return isSourceLimited(grant) ? grant.sourceIds : undefined;
}
