import type { z } from "zod";
import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";
import { fromZodError } from "@/lib/errors/from-zod";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { presentFilter } from "./add-filter";
import { filterInput } from "./destination-schemas";

export type UpdateFilterOptions = {
  workspaceId: string;
  destinationId: string;
  filterId: string;
  filter: z.input<typeof filterInput>;
  // A member scoped to some sources may only touch filters of their connections: others are not found.
  maySource?: (sourceId: string) => boolean;
  actor: Actor;
  requestId?: string;
};

// Replaces a filter's definition (validated like a new one).
export async function updateFilter(o: UpdateFilterOptions) {
  const parsed = filterInput.safeParse(o.filter);
  if (!parsed.success) throw fromZodError(parsed.error, "Invalid filter");
  const f = parsed.data;
  return getPrisma().$transaction(async (tx) => {
    const before = await tx.filter.findFirst({
      where: { id: o.filterId, workspaceId: o.workspaceId, connection: { destinationId: o.destinationId } },
      include: { connection: { select: { sourceId: true } } },
    });
    if (!before || (o.maySource && !o.maySource(before.connection.sourceId))) throw notFound("Filter not found");
    const filter = await tx.filter.update({
      where: { id: before.id, workspaceId: o.workspaceId },
      data: { name: f.name, ifExpr: f.if, actions: f.actions, enabled: f.enabled, position: f.position ?? before.position },
    });
    await recordAudit(tx, {
      workspaceId: o.workspaceId, actor: o.actor, action: "filter.update", targetType: "filter", targetId: filter.id,
      before: presentFilter(before), after: presentFilter(filter), requestId: o.requestId,
    });
    return presentFilter(filter);
  });
}

export async function deleteFilter(o: {
  workspaceId: string;
  destinationId: string;
  filterId: string;
  maySource?: (sourceId: string) => boolean;
  actor: Actor;
  requestId?: string;
}) {
  return getPrisma().$transaction(async (tx) => {
    const before = await tx.filter.findFirst({
      where: { id: o.filterId, workspaceId: o.workspaceId, connection: { destinationId: o.destinationId } },
      include: { connection: { select: { sourceId: true } } },
    });
    if (!before || (o.maySource && !o.maySource(before.connection.sourceId))) throw notFound("Filter not found");
    await tx.filter.delete({ where: { id: before.id, workspaceId: o.workspaceId } });
    await recordAudit(tx, {
      workspaceId: o.workspaceId, actor: o.actor, action: "filter.delete", targetType: "filter", targetId: before.id,
      before: presentFilter(before), requestId: o.requestId,
    });
    return { id: before.id, deleted: true };
  });
}
