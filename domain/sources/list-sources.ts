import type { SourceType } from "@/lib/generated/prisma/enums";
import { getPool } from "@/lib/db/pool";
import { getPrisma } from "@/lib/db/prisma";

export type ListSourcesOptions = {
  workspaceId: string;
  days?: number;
  // Only these sources (a member scoped to a list of sources); all of the workspace's when absent.
  sourceIds?: readonly string[];
};

export type SourceSummary = {
  id: string;
  name: string;
  type: SourceType;
  createdAt: Date;
  activeWriteKeys: number;
  // Events accepted in the last `days` days (UTC), from the usage table.
  eventsRecent: number;
};

export async function listSources({ workspaceId, days = 7, sourceIds }: ListSourcesOptions): Promise<SourceSummary[]> {
  const now = new Date();
  const sources = await getPrisma().source.findMany({
    where: { workspaceId, ...(sourceIds ? { id: { in: [...sourceIds] } } : {}) },
    orderBy: { createdAt: "asc" },
    include: {
      _count: {
        select: { writeKeys: { where: { workspaceId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } } },
      },
    },
  });
  const usage = await getPool().query<{ source_id: string; events: string }>(
    `SELECT source_id, sum(events)::text AS events FROM eventlog.usage_daily
     WHERE workspace_id = $1 AND day > (now() AT TIME ZONE 'UTC')::date - $2::int GROUP BY source_id`,
    [workspaceId, days],
  );
  const counts = new Map(usage.rows.map((r) => [r.source_id, Number(r.events)]));
  return sources.map((s) => ({
    id: s.id,
    name: s.name,
    type: s.type,
    createdAt: s.createdAt,
    activeWriteKeys: s._count.writeKeys,
    eventsRecent: counts.get(s.id) ?? 0,
  }));
}
