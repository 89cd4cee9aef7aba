import type pg from "pg";
import type { Cursor } from "./read-debugger-rows";

export type FindRecentStartOptions = { workspaceId: string; sourceIds: string[] | null; count: number };

// Where a new stream (no Last-Event-ID) starts so that it opens with the latest `count` items of the last day,
// accepted or refused, instead of an empty list. null: nothing recent, start at the live end.
export async function findRecentStart(db: Pick<pg.Pool, "query">, o: FindRecentStartOptions): Promise<Cursor | null> {
  const { rows } = await db.query<{ tx: string; seq: string }>(
    `SELECT tx::text, seq::text FROM (
       (SELECT s.tx_id AS tx, s.seq + n - 1 AS seq
          FROM (SELECT tx_id, seq, count FROM eventlog.segments
                 WHERE workspace_id = $1 AND ($2::text[] IS NULL OR source_id = ANY($2::text[])) AND received_at > now() - interval '1 day'
                 ORDER BY tx_id DESC, seq DESC LIMIT $3) s,
               generate_series(s.count, greatest(1, s.count - $3 + 1), -1) AS n)
       UNION ALL
       (SELECT tx_id, seq FROM eventlog.rejections
         WHERE workspace_id = $1 AND ($2::text[] IS NULL OR source_id = ANY($2::text[])) AND received_at > now() - interval '1 day'
         ORDER BY tx_id DESC, seq DESC LIMIT $3)
     ) recent ORDER BY tx DESC, seq DESC LIMIT $3`,
    [o.workspaceId, o.sourceIds, o.count],
  );
  const oldest = rows.at(-1);
  // Streams read strictly after their cursor: start one step before the oldest item to include it.
  return oldest ? { tx: BigInt(oldest.tx), seq: BigInt(oldest.seq) - 1n } : null;
}
