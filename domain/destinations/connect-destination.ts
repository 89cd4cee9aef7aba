import { getPool } from "@/lib/db/pool";
import { getPrisma } from "@/lib/db/prisma";
import { AppError, notFound } from "@/lib/errors/app-error";
import { createId } from "@/lib/ids/create-id";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { findDestination } from "./find-destination";

export type ConnectDestinationOptions = { workspaceId: string; destinationId: string; sourceId: string; actor: Actor; requestId?: string };

// Events the source receives from now on flow to the destination: its cursor starts at the log's current end.
export async function connectDestination(o: ConnectDestinationOptions) {
  const connection = await getPrisma().$transaction(async (tx) => {
    const d = await findDestination({ workspaceId: o.workspaceId, destinationId: o.destinationId, tx });
    const source = await tx.source.findFirst({ where: { id: o.sourceId, workspaceId: o.workspaceId } });
    if (!source) throw notFound("Source not found");
    const existing = await tx.connection.findFirst({ where: { workspaceId: o.workspaceId, sourceId: source.id, destinationId: d.id } });
    if (existing) throw new AppError("conflict", "This source is already connected to this destination");
    const c = await tx.connection.create({
      data: { id: createId({ kind: "connection" }), workspaceId: o.workspaceId, sourceId: source.id, destinationId: d.id },
    });
    await recordAudit(tx, {
      workspaceId: o.workspaceId, actor: o.actor, action: "destination.connect", targetType: "connection", targetId: c.id,
      after: { sourceId: source.id, destinationId: d.id }, requestId: o.requestId,
    });
    return c;
  });
  // (xmin, 0): every transaction below the snapshot's xmin has ended, so everything visible now lies before the
  // cursor, and anything that commits later has a tx_id >= xmin and lies after it. Transactions still running now
  // (also >= xmin) are delivered too: a connection made during ingest may get events received a moment before it.
  await getPool().query(
    `INSERT INTO eventlog.delivery_cursors (connection_id, workspace_id, source_id, destination_id, last_tx_id, last_seq)
     VALUES ($1, $2, $3, $4, pg_snapshot_xmin(pg_current_snapshot()), 0)
     ON CONFLICT (connection_id) DO NOTHING`,
    [connection.id, o.workspaceId, connection.sourceId, connection.destinationId],
  );
  return { id: connection.id, sourceId: connection.sourceId, destinationId: connection.destinationId, enabled: connection.enabled };
}
