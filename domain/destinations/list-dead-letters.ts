import { getPool } from "@/lib/db/pool";
import { connectionIdsWithinScope } from "./destination-reach";
import { findDestination } from "./find-destination";

export type ListDeadLettersOptions = {
  workspaceId: string;
  destinationId: string;
  limit?: number;
  beforeId?: number;
  // A member limited to these sources: only the dead letters of the destination's connections to them.
  sourceIds?: readonly string[];
};

// Newest first; page with `beforeId`.
export async function listDeadLetters(o: ListDeadLettersOptions) {
  await findDestination(o);
  const connectionIds = await connectionIdsWithinScope({ workspaceId: o.workspaceId, destinationId: o.destinationId, scope: o.sourceIds });
  const limit = Math.min(Math.max(o.limit ?? 100, 1), 1_000);
  const { rows } = await getPool().query(
    `SELECT id::int, connection_id AS "connectionId", seq::text, message_id AS "messageId", event, attempts,
            first_failed_at AS "firstFailedAt", created_at AS "deadAt", last_status AS "lastStatus", last_error AS "lastError"
     FROM eventlog.dead_letters
     WHERE workspace_id = $1 AND destination_id = $2 AND ($3::bigint IS NULL OR id < $3) AND ($5::text[] IS NULL OR connection_id = ANY($5))
     ORDER BY created_at DESC, id DESC LIMIT $4`,
    [o.workspaceId, o.destinationId, o.beforeId ?? null, limit, connectionIds ?? null],
  );
  const total = await getPool().query<{ n: string }>(
    `SELECT count(*)::text AS n FROM eventlog.dead_letters WHERE workspace_id = $1 AND destination_id = $2 AND ($3::text[] IS NULL OR connection_id = ANY($3))`,
    [o.workspaceId, o.destinationId, connectionIds ?? null],
  );
  return { total: Number(total.rows[0].n), deadLetters: rows };
}
