import { useQuery } from "@tanstack/react-query";
import type { Usage } from "@/domain/usage/get-usage";
import { apiFetch } from "@/lib/client/api-fetch";
import type { Wire } from "@/lib/client/wire";

export type UsageData = Wire<Usage>;

export const usageKeys = {
  all: (workspaceId: string) => ["workspaces", workspaceId, "usage"] as const,
};

export function useUsage(workspaceId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    enabled,
    queryKey: usageKeys.all(workspaceId),
    queryFn: () => apiFetch<UsageData>(`/api/workspaces/${encodeURIComponent(workspaceId)}/usage`),
    refetchInterval: 5 * 60_000,
  });
}
