import { getPool } from "@/lib/db/pool";

export type StoredEvent = {
  seq: string;
  message_id: string;
  type: string;
  event: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  received_at: Date;
  payload: Record<string, unknown> & { context?: Record<string, unknown> };
};

export async function readEvents(sourceId: string): Promise<StoredEvent[]> {
  const res = await getPool().query<StoredEvent>(
    `SELECT seq::text AS seq, message_id, type, event, user_id, anonymous_id, received_at, payload FROM eventlog.events WHERE source_id = $1 ORDER BY seq`,
    [sourceId],
  );
  return res.rows;
}
