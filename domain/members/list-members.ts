import { getPrisma } from "@/lib/db/prisma";

export async function listMembers({ workspaceId }: { workspaceId: string }) {
  const db = getPrisma();
  const [members, invitations] = await Promise.all([
    db.membership.findMany({
      where: { workspaceId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true, role: true, allSources: true, sourceIds: true, createdAt: true,
        user: { select: { id: true, email: true, name: true } },
      },
    }),
    db.invitation.findMany({
      where: { workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
      select: { id: true, email: true, role: true, allSources: true, sourceIds: true, createdAt: true, expiresAt: true },
    }),
  ]);
  return { members, invitations };
}
