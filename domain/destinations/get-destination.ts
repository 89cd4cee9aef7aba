import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";
import { presentDestination } from "./find-destination";

export async function getDestination({ workspaceId, destinationId }: { workspaceId: string; destinationId: string }) {
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
    connections: d.connections.map((c) => ({
      id: c.id, sourceId: c.sourceId, enabled: c.enabled,
      filters: c.filters.map((f) => ({ id: f.id, name: f.name, if: f.ifExpr, actions: f.actions, position: f.position, enabled: f.enabled })),
    })),
    mappings: d.mappings.map((m) => ({ id: m.id, name: m.name, trigger: m.trigger, fields: m.fields, position: m.position, enabled: m.enabled })),
  };
}
