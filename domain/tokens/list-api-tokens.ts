import { getPrisma } from "@/lib/db/prisma";

export function listApiTokens({ workspaceId }: { workspaceId: string }) {
  return getPrisma().apiToken.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true, name: true, role: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true,
      createdBy: { select: { email: true } },
    },
  });
}
