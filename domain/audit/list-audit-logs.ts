import { getPrisma } from "@/lib/db/prisma";

export type ListAuditLogsOptions = { workspaceId: string; limit?: number; before?: string };

// Newest first; `before` is the id of the last entry already shown (ids sort by time).
export async function listAuditLogs({ workspaceId, limit = 50, before }: ListAuditLogsOptions) {
  const rows = await getPrisma().auditLog.findMany({
    where: { workspaceId, ...(before ? { id: { lt: before } } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(limit, 200) + 1,
  });
  const page = rows.slice(0, Math.min(limit, 200));
  return { entries: page, nextCursor: rows.length > page.length ? page[page.length - 1].id : null };
}
