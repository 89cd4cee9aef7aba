import { getPrisma } from "@/lib/db/prisma";

export type ListAuditLogsOptions = { workspaceId: string; limit?: number; before?: string };

// Newest first; `before` is the id of the last entry already shown. Entries are ordered by (createdAt, id), so the
// cursor continues after that entry's position in the same order: ids and createdAt come from different clocks and
// are not guaranteed to sort alike, so comparing ids alone could skip or repeat entries.
export async function listAuditLogs({ workspaceId, limit = 50, before }: ListAuditLogsOptions) {
  const db = getPrisma();
  const take = Math.min(limit, 200);
  let after: { createdAt: Date; id: string } | null = null;
  if (before) {
    after = await db.auditLog.findFirst({ where: { id: before, workspaceId }, select: { createdAt: true, id: true } });
    // An unknown cursor (or another workspace's) reads as the end of the list.
    if (!after) return { entries: [], nextCursor: null };
  }
  const rows = await db.auditLog.findMany({
    where: {
      workspaceId,
      ...(after
        ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
  });
  const page = rows.slice(0, take);
  return { entries: page, nextCursor: rows.length > page.length ? page[page.length - 1].id : null };
}
