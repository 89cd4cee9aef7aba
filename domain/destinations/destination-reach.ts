import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";

// A destination is not bound to one source: it reaches the sources it is connected to. For a member limited to a
// list of sources (`scope`), that decides what the member may do with it:
//
//   connections                               | reach
//   ------------------------------------------+--------
//   none                                      | write   (it carries no source's data; whoever made it connects it)
//   every one to a source in the scope        | write
//   at least one in the scope, some outside   | read    (and only the connections within the scope are shown)
//   all outside the scope                     | none    (404, like a destination that does not exist)
//
// `scope` undefined: the member is not limited to a list of sources, and reaches everything of the workspace.
// Whether the member's role may write destinations at all is the permission table's business, not this one's.
export type SourceScope = readonly string[] | undefined;
export type DestinationReach = "none" | "read" | "write";

export function reachOf(connectedSourceIds: readonly string[], scope: SourceScope): DestinationReach {
  if (!scope) return "write";
  const inside = connectedSourceIds.filter((id) => scope.includes(id)).length;
  if (inside === connectedSourceIds.length) return "write";
  return inside > 0 ? "read" : "none";
}

// The destinations a scoped member can see, as a Prisma condition (combine it with the workspaceId).
export function destinationsWithinScope(scope: SourceScope): Prisma.DestinationWhereInput {
  if (!scope) return {};
  return { OR: [{ connections: { none: {} } }, { connections: { some: { sourceId: { in: [...scope] } } } }] };
}

// The connections a scoped member can see, as a Prisma condition (combine it with the workspaceId).
export function connectionsWithinScope(scope: SourceScope): Prisma.ConnectionWhereInput {
  return scope ? { sourceId: { in: [...scope] } } : {};
}

export type RequireDestinationReachOptions = {
  workspaceId: string;
  destinationId: string;
  scope: SourceScope;
  // What the caller is about to do: reading needs "read" reach, anything else "write".
  need: "read" | "write";
  tx?: Prisma.TransactionClient;
};

// The destination with its connected source ids, or 404 when it does not exist in the workspace or lies beyond
// the member's reach for `need` (the two read the same).
export async function requireDestinationReach(o: RequireDestinationReachOptions) {
  const d = await (o.tx ?? getPrisma()).destination.findFirst({
    where: { id: o.destinationId, workspaceId: o.workspaceId },
    select: { id: true, connections: { where: { workspaceId: o.workspaceId }, select: { id: true, sourceId: true } } },
  });
  if (!d) throw notFound("Destination not found");
  const reach = reachOf(d.connections.map((c) => c.sourceId), o.scope);
  if (reach === "none" || (o.need === "write" && reach !== "write")) throw notFound("Destination not found");
  return { id: d.id, reach, connections: d.connections };
}

// The ids of the destination's connections within the scope (undefined: no limit), for queries of the event log,
// whose rows name a connection but not its source. Dead letters of a connection since removed fall outside every
// limited scope.
export async function connectionIdsWithinScope(o: { workspaceId: string; destinationId: string; scope: SourceScope }): Promise<string[] | undefined> {
  if (!o.scope) return undefined;
  const rows = await getPrisma().connection.findMany({
    where: { workspaceId: o.workspaceId, destinationId: o.destinationId, ...connectionsWithinScope(o.scope) },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
