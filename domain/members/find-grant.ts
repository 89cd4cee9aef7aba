import { getPrisma } from "@/lib/db/prisma";
import type { Grant } from "@/lib/permissions/permissions";

// A user's role and source scope in a workspace, or null when the user is not a member.
export async function findGrant({ workspaceId, userId }: { workspaceId: string; userId: string }): Promise<Grant | null> {
  const m = await getPrisma().membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
    select: { role: true, allSources: true, sourceIds: true },
  });
  return m;
}
