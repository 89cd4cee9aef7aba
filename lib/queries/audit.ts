import { useInfiniteQuery } from "@tanstack/react-query";
import type { listAuditLogs } from "@/domain/audit/list-audit-logs";
import { apiFetch } from "@/lib/client/api-fetch";
import type { Wire } from "@/lib/client/wire";

export type AuditPage = Wire<Awaited<ReturnType<typeof listAuditLogs>>>;
export type AuditEntry = AuditPage["entries"][number];

export const auditKeys = {
  all: (workspaceId: string) => ["workspaces", workspaceId, "audit-logs"] as const,
};

const PAGE_SIZE = 25;

export function useAuditLog(workspaceId: string) {
  return useInfiniteQuery({
    queryKey: auditKeys.all(workspaceId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (pageParam) params.set("before", pageParam);
      return apiFetch<AuditPage>(`/api/workspaces/${encodeURIComponent(workspaceId)}/audit-logs?${params}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}
