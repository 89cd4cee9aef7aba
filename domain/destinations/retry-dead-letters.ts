import { getPool } from "@/lib/db/pool";
import { getPrisma } from "@/lib/db/prisma";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { connectionIdsWithinScope } from "./destination-reach";
import { findDestination } from "./find-destination";

export type DeadLetterActionOptions = {
  workspaceId: string;
  destinationId: string;
  ids?: number[];
  // A member limited to these sources acts only on the dead letters of the destination's connections to them;
  // the others (also those of a connection since removed) are left as they are.
  sourceIds?: readonly string[];
  actor: Actor;
  requestId?: string;
};

// Moves dead letters (the listed ones, or all) to the retry queue: a worker sends them again at once, with a new
// retry window.
export async function retryDeadLetters(o: DeadLetterActionOptions) {
  await findDestination(o);
  const connectionIds = await connectionIdsWithinScope({ workspaceId: o.workspaceId, destinationId: o.destinationId, scope: o.sourceIds });
  const res = await getPool().query(
    `WITH moved AS (
       DELETE FROM eventlog.dead_letters
       WHERE workspace_id = $1 AND destination_id = $2 AND ($3::bigint[] IS NULL OR id = ANY($3)) AND ($4::text[] IS NULL OR connection_id = ANY($4))
       RETURNING workspace_id, destination_id, connection_id, seq, message_id, event)
     INSERT INTO eventlog.delivery_retries (workspace_id, destination_id, connection_id, seq, message_id, event)
     SELECT * FROM moved ON CONFLICT (connection_id, seq) DO NOTHING`,
    [o.workspaceId, o.destinationId, o.ids ?? null, connectionIds ?? null],
  );
  await audit(o, "deadletter.retry", res.rowCount ?? 0);
  return { retried: res.rowCount ?? 0 };
}

export async function discardDeadLetters(o: DeadLetterActionOptions) {
  await findDestination(o);
  const connectionIds = await connectionIdsWithinScope({ workspaceId: o.workspaceId, destinationId: o.destinationId, scope: o.sourceIds });
  const res = await getPool().query(
    `DELETE FROM eventlog.dead_letters
     WHERE workspace_id = $1 AND destination_id = $2 AND ($3::bigint[] IS NULL OR id = ANY($3)) AND ($4::text[] IS NULL OR connection_id = ANY($4))`,
    [o.workspaceId, o.destinationId, o.ids ?? null, connectionIds ?? null],
  );
  await audit(o, "deadletter.discard", res.rowCount ?? 0);
  return { discarded: res.rowCount ?? 0 };
}

async function audit(o: DeadLetterActionOptions, action: string, count: number) {
  await getPrisma().$transaction((tx) =>
    recordAudit(tx, {
      workspaceId: o.workspaceId, actor: o.actor, action, targetType: "destination", targetId: o.destinationId,
      after: { ids: o.ids ?? "all", count }, requestId: o.requestId,
    }),
  );
}
