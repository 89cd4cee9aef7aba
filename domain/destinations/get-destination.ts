import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";
import { reachOf } from "./destination-reach";
import { presentDestination } from "./find-destination";

export type GetDestinationOptions = {
  workspaceId: string;
  destinationId: string;
  // A member limited to these sources sees only the connections (and their filters) to them. The caller has
  // checked the destination is within the member's reach (lib/api/require-destination.ts).
  sourceIds?: readonly string[];
};

export async function getDestination({ workspaceId, destinationId, sourceIds }: GetDestinationOptions) {
  const d = await getPrisma().destination.findFirst({
    where: { id: destinationId, workspaceId },
    include: {
      connections: { where: { workspaceId }, include: { filters: { where: { workspaceId }, orderBy: { position: "asc" } } } },
      mappings: { where: { workspaceId }, orderBy: { position: "asc" } },
    },
  });
  if (!d) throw notFound("Destination not found");
  return {
    ...presentDestination(d),
    // What the member may do with it: "read" on a destination it shares with sources outside its scope.
    reach: reachOf(d.connections.map((c) => c.sourceId), sourceIds),
    connections: d.connections.filter((c) => !sourceIds || sourceIds.includes(c.sourceId)).map((c) => ({
      id: c.id, sourceId: c.sourceId, enabled: c.enabled,
      filters: c.filters.map((f) => ({ id: f.id, name: f.name, if: f.ifExpr, actions: f.actions, position: f.position, enabled: f.enabled })),
    })),
    mappings: d.mappings.map((m) => ({ id: m.id, name: m.name, trigger: m.trigger, fields: m.fields, position: m.position, enabled: m.enabled })),
  };
}
