import { getPool } from "@/lib/db/pool";
import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";

export type DisconnectDestinationOptions = { workspaceId: string; destinationId: string; sourceId: string; actor: Actor; requestId?: string };

export async function disconnectDestination(o: DisconnectDestinationOptions) {
  const c = await getPrisma().$transaction(async (tx) => {
    const c = await tx.connection.findFirst({ where: { workspaceId: o.workspaceId, destinationId: o.destinationId, sourceId: o.sourceId } });
    if (!c) throw notFound("Connection not found");
    await tx.connection.delete({ where: { id: c.id, workspaceId: o.workspaceId } });
    await recordAudit(tx, {
      workspaceId: o.workspaceId, actor: o.actor, action: "destination.disconnect", targetType: "connection", targetId: c.id,
      before: { sourceId: c.sourceId, destinationId: c.destinationId }, requestId: o.requestId,
    });
    return c;
  });
  await getPool().query(`DELETE FROM eventlog.delivery_cursors WHERE workspace_id = $1 AND connection_id = $2`, [o.workspaceId, c.id]);
  return { id: c.id, deleted: true };
}
