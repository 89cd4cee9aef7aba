import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";

// The connection of a destination to a source, within the workspace.
export async function findConnection(o: { workspaceId: string; destinationId: string; sourceId: string; tx?: Prisma.TransactionClient }) {
  const c = await (o.tx ?? getPrisma()).connection.findFirst({
    where: { workspaceId: o.workspaceId, destinationId: o.destinationId, sourceId: o.sourceId },
  });
  if (!c) throw notFound("This source is not connected to this destination");
  return c;
}
