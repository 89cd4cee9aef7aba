import { getPrisma } from "@/lib/db/prisma";

export async function listWorkspacesForUser({ userId }: { userId: string }) {
  const memberships = await getPrisma().membership.findMany({
    where: { userId },
    include: { workspace: { select: { id: true, name: true, tier: true } } },
    orderBy: { createdAt: "asc" },
  });
  return memberships.map((m) => ({ ...m.workspace, role: m.role }));
}
