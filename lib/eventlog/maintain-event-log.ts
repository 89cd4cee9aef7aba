import type pg from "pg";

type Queryable = Pick<pg.Pool, "query">;

// Daily partitions from yesterday to `daysAhead` days ahead.
export async function ensurePartitions(db: Queryable, daysAhead = 7): Promise<number> {
  const res = await db.query<{ n: number }>(`SELECT eventlog.ensure_partitions($1) AS n`, [daysAhead]);
  return res.rows[0].n;
}

export async function dropExpiredPartitions(db: Queryable, retentionDays: number): Promise<number> {
  const res = await db.query<{ n: number }>(`SELECT eventlog.drop_expired_partitions($1) AS n`, [retentionDays]);
  return res.rows[0].n;
}

// messageIds are remembered for 48 h (Segment promises 24 h).
export async function pruneMessageIds(db: Queryable, keepHours = 48): Promise<number> {
  const res = await db.query(`DELETE FROM eventlog.message_ids WHERE created_at < now() - make_interval(hours => $1)`, [keepHours]);
  return res.rowCount ?? 0;
}

export async function pruneRejections(db: Queryable, retentionDays: number): Promise<number> {
  const res = await db.query(`DELETE FROM eventlog.rejections WHERE received_at < now() - make_interval(days => $1)`, [retentionDays]);
  return res.rowCount ?? 0;
}

export type MaintainEventLogOptions = { retentionDays: number; daysAhead?: number };

export async function maintainEventLog(db: Queryable, o: MaintainEventLogOptions) {
  const created = await ensurePartitions(db, o.daysAhead ?? 7);
  const dropped = await dropExpiredPartitions(db, o.retentionDays);
  const messageIds = await pruneMessageIds(db);
  const rejections = await pruneRejections(db, o.retentionDays);
  return { created, dropped, messageIds, rejections };
}
