import { getPool } from "@/lib/db/pool";
import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";
import { limitsFor } from "../workspaces/tier-limits";

export type GetUsageOptions = { workspaceId: string; days?: number; now?: Date };

export type Usage = {
  month: string;
  // userIds plus anonymousIds never tied to a userId, this calendar month (UTC).
  mtu: number;
  mtuLimit: number | null;
  overLimit: boolean;
  eventsPerDay: { day: string; sourceId: string; events: number }[];
};

export async function getUsage({ workspaceId, days = 30, now = new Date() }: GetUsageOptions): Promise<Usage> {
  const workspace = await getPrisma().workspace.findUnique({
    where: { id: workspaceId },
    select: { tier: true, customMtuLimit: true, customDestinationLimit: true },
  });
  if (!workspace) throw notFound("Workspace not found");
  const month = `${now.toISOString().slice(0, 7)}-01`;
  const pool = getPool();
  const mtu = await pool.query<{ mtu: string }>(
    `SELECT count(*)::text AS mtu FROM eventlog.mtu_identities m
     WHERE m.workspace_id = $1 AND m.month = $2::date
       AND (m.kind = 'u' OR NOT EXISTS (
         SELECT 1 FROM eventlog.anonymous_links l WHERE l.workspace_id = m.workspace_id AND l.anonymous_id = m.identity))`,
    [workspaceId, month],
  );
  const perDay = await pool.query<{ day: string; source_id: string; events: string }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, source_id, sum(events)::text AS events FROM eventlog.usage_daily
     WHERE workspace_id = $1 AND day > $2::date - $3::int GROUP BY day, source_id ORDER BY day, source_id`,
    [workspaceId, now.toISOString().slice(0, 10), days],
  );
  const limit = limitsFor(workspace).mtu;
  const count = Number(mtu.rows[0].mtu);
  return {
    month: month.slice(0, 7),
    mtu: count,
    mtuLimit: limit,
    overLimit: limit !== null && count > limit,
    eventsPerDay: perDay.rows.map((r) => ({ day: r.day, sourceId: r.source_id, events: Number(r.events) })),
  };
}
