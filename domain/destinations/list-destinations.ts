import { getPrisma } from "@/lib/db/prisma";
import { destinationsWithinScope, reachOf } from "./destination-reach";
import { presentDestination } from "./find-destination";

export type ListDestinationsOptions = {
  workspaceId: string;
  // A member limited to these sources: only the destinations within its reach (see destination-reach.ts), each
  // with only its connections to these sources. Absent: everything of the workspace.
  sourceIds?: readonly string[];
};

export async function listDestinations({ workspaceId, sourceIds }: ListDestinationsOptions) {
  const rows = await getPrisma().destination.findMany({
    where: { workspaceId, ...destinationsWithinScope(sourceIds) },
    orderBy: { createdAt: "asc" },
    include: { connections: { where: { workspaceId }, select: { id: true, sourceId: true, enabled: true } } },
  });
  return rows.map((d) => ({
    ...presentDestination(d),
    // What the member may do with it: "read" on a destination it shares with sources outside its scope.
    reach: reachOf(d.connections.map((c) => c.sourceId), sourceIds),
    connections: d.connections.filter((c) => !sourceIds || sourceIds.includes(c.sourceId)),
  }));
}
