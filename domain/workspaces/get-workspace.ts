import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";
import { limitsFor } from "./tier-limits";

export async function getWorkspace({ workspaceId }: { workspaceId: string }) {
  const workspace = await getPrisma().workspace.findUnique({ where: { id: workspaceId } });
  if (!workspace) throw notFound("Workspace not found");
  return { ...workspace, limits: limitsFor(workspace) };
}
