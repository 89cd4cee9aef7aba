import { getPrisma } from "@/lib/db/prisma";
import { presentDestination } from "./find-destination";

export async function listDestinations({ workspaceId }: { workspaceId: string }) {
  const rows = await getPrisma().destination.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "asc" },
    include: { connections: { where: { workspaceId }, select: { id: true, sourceId: true, enabled: true } } },
  });
  return rows.map((d) => ({ ...presentDestination(d), connections: d.connections }));
}
