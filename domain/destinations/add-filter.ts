import type { z } from "zod";
import { getPrisma } from "@/lib/db/prisma";
import { fromZodError } from "@/lib/errors/from-zod";
import { createId } from "@/lib/ids/create-id";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { filterInput } from "./destination-schemas";
import { findConnection } from "./find-connection";

export type AddFilterOptions = {
  workspaceId: string;
  destinationId: string;
  sourceId: string;
  filter: z.input<typeof filterInput>;
  actor: Actor;
  requestId?: string;
};

// An expression that does not parse is refused here, with the position of the problem.
export async function addFilter(o: AddFilterOptions) {
  const parsed = filterInput.safeParse(o.filter);
  if (!parsed.success) throw fromZodError(parsed.error, "Invalid filter");
  const f = parsed.data;
  return getPrisma().$transaction(async (tx) => {
    const c = await findConnection({ ...o, tx });
    const last = await tx.filter.aggregate({ where: { workspaceId: o.workspaceId, connectionId: c.id }, _max: { position: true } });
    const filter = await tx.filter.create({
      data: {
        id: createId({ kind: "filter" }), workspaceId: o.workspaceId, connectionId: c.id, name: f.name, ifExpr: f.if,
        actions: f.actions, enabled: f.enabled, position: f.position ?? (last._max.position ?? -1) + 1,
      },
    });
    await recordAudit(tx, {
      workspaceId: o.workspaceId, actor: o.actor, action: "filter.create", targetType: "filter", targetId: filter.id,
      after: { connectionId: c.id, name: f.name, if: f.if, actions: f.actions, enabled: f.enabled }, requestId: o.requestId,
    });
    return presentFilter(filter);
  });
}

export function presentFilter(f: { id: string; connectionId: string; name: string; ifExpr: string; actions: unknown; position: number; enabled: boolean }) {
  return { id: f.id, connectionId: f.connectionId, name: f.name, if: f.ifExpr, actions: f.actions, position: f.position, enabled: f.enabled };
}
