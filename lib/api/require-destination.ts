import { requireDestinationReach, type SourceScope } from "@/domain/destinations/destination-reach";
import type { Action, Grant } from "@/lib/permissions/permissions";
import { sourceScope } from "./require-source";

export type RequireDestinationOptions = {
  workspaceId: string;
  destinationId: string;
  grant: Grant;
  action: Extract<Action, "destinations.read" | "destinations.write">;
};

// For routes under /destinations/[destinationId]: apiRoute() has already checked the role may do `action` at all;
// this adds the source scope. A member limited to a list of sources reads a destination connected to one of its
// sources, and writes one whose connections are all its own (or that has none); beyond that it is a 404, exactly
// like a destination that does not exist. Returns the scope, to pass on to the domain function so the lists it
// answers with (connections, samples, dead letters) hold only what lies within it.
export async function requireDestination({ workspaceId, destinationId, grant, action }: RequireDestinationOptions): Promise<{ scope: SourceScope }> {
  const scope = sourceScope(grant);
  await requireDestinationReach({ workspaceId, destinationId, scope, need: action === "destinations.read" ? "read" : "write" });
  return { scope };
}
