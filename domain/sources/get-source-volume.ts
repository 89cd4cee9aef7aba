import { getPool } from "@/lib/db/pool";

export type GetSourceVolumeOptions = { workspaceId: string; sourceId: string; hours?: number; now?: Date };

export type SourceVolume = {
  // Oldest first; one entry per UTC hour, the last one being the current (partial) hour.
  hours: { hour: string; events: number }[];
  total: number;
};

const HOUR_MS = 60 * 60 * 1000;

// Events accepted per hour for one source. usage_daily only counts per day, so this sums the event log's segment
// counts (segments_source_time_idx: one index range scan); a segment counts in the hour of its first event (a group
// commit's events arrive within milliseconds of each other, seconds at most under a backlog). Hours are truncated in UTC whatever the session's time zone (some zones are
// offset by half an hour).
export async function getSourceVolume({ workspaceId, sourceId, hours = 24, now = new Date() }: GetSourceVolumeOptions): Promise<SourceVolume> {
  const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const from = new Date(currentHour - (hours - 1) * HOUR_MS);
  const { rows } = await getPool().query<{ hour: Date; events: string }>(
    `SELECT date_trunc('hour', received_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour, sum(count)::text AS events FROM eventlog.segments
     WHERE workspace_id = $1 AND source_id = $2 AND received_at >= $3 GROUP BY 1`,
    [workspaceId, sourceId, from],
  );
  const counts = new Map(rows.map((r) => [new Date(r.hour).getTime(), Number(r.events)]));
  const out: SourceVolume["hours"] = [];
  for (let i = 0; i < hours; i++) {
    const t = from.getTime() + i * HOUR_MS;
    out.push({ hour: new Date(t).toISOString(), events: counts.get(t) ?? 0 });
  }
  return { hours: out, total: out.reduce((sum, h) => sum + h.events, 0) };
}
