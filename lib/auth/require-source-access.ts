import { notFound } from "next/navigation";
import { getPrisma } from "@/lib/db/prisma";
import { can, canOnSource } from "@/lib/permissions/permissions";
import { requireWorkspaceMember } from "./require-workspace-member";

// For a source's pages: a source that does not exist in the workspace, or lies outside the member's source scope,
// is a 404 page, as the API answers. A role without sources.read at all gets the page's "no access" state instead.
export async function requireSourceAccess(workspaceId: string, sourceId: string): Promise<void> {
  const { grant } = await requireWorkspaceMember(workspaceId);
  if (!can(grant, "sources.read")) return;
  if (!canOnSource(grant, "sources.read", sourceId)) notFound();
  const source = await getPrisma().source.findFirst({ where: { id: sourceId, workspaceId }, select: { id: true } });
  if (!source) notFound();
}
