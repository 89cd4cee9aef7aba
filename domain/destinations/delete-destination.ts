import { getPool } from "@/lib/db/pool";
import { getPrisma } from "@/lib/db/prisma";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { findDestination } from "./find-destination";

export type DeleteDestinationOptions = { workspaceId: string; destinationId: string; actor: Actor; requestId?: string };

// Connections, filters and mappings go with it (cascade); its delivery state in the event log schema too.
export async function deleteDestination(o: DeleteDestinationOptions) {
  await getPrisma().$transaction(async (tx) => {
    const d = await findDestination({ workspaceId: o.workspaceId, destinationId: o.destinationId, tx });
    await tx.destination.delete({ where: { id: d.id, workspaceId: o.workspaceId } });
    await recordAudit(tx, {
      workspaceId: o.workspaceId, actor: o.actor, action: "destination.delete", targetType: "destination", targetId: d.id,
      before: { type: d.type, name: d.name }, requestId: o.requestId,
    });
  });
  const pool = getPool();
  for (const table of ["delivery_cursors", "delivery_retries", "dead_letters"]) {
    await pool.query(`DELETE FROM eventlog.${table} WHERE workspace_id = $1 AND destination_id = $2`, [o.workspaceId, o.destinationId]);
  }
  return { id: o.destinationId, deleted: true };
}
