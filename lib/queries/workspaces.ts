import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { getWorkspace } from "@/domain/workspaces/get-workspace";
import type { listWorkspacesForUser } from "@/domain/workspaces/list-workspaces-for-user";
import type { Tier } from "@/lib/generated/prisma/enums";
import type { Grant } from "@/lib/permissions/permissions";
import { apiFetch } from "@/lib/client/api-fetch";
import type { Wire } from "@/lib/client/wire";

export type WorkspaceSummary = Wire<Awaited<ReturnType<typeof listWorkspacesForUser>>[number]>;
export type WorkspaceDetail = Wire<Awaited<ReturnType<typeof getWorkspace>>>;
export type WorkspaceWithMembership = { workspace: WorkspaceDetail; membership: Grant };
export type Billing = {
  tier: Tier;
  customMtuLimit: number | null;
  customDestinationLimit: number | null;
  limits: { mtu: number | null; destinations: number | null };
};

export const workspaceKeys = {
  mine: () => ["me", "workspaces"] as const,
  all: () => ["workspaces"] as const,
  detail: (workspaceId: string) => ["workspaces", workspaceId, "detail"] as const,
  billing: (workspaceId: string) => ["workspaces", workspaceId, "billing"] as const,
};

export function useMyWorkspaces() {
  return useQuery({
    queryKey: workspaceKeys.mine(),
    queryFn: () => apiFetch<{ workspaces: WorkspaceSummary[] }>("/api/me/workspaces").then((r) => r.workspaces),
  });
}

export function useWorkspace(workspaceId: string) {
  return useQuery({
    queryKey: workspaceKeys.detail(workspaceId),
    queryFn: () => apiFetch<WorkspaceWithMembership>(`/api/workspaces/${encodeURIComponent(workspaceId)}`),
  });
}

export function useCreateWorkspace() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string }) =>
      apiFetch<{ workspace: { id: string; name: string } }>("/api/me/workspaces", { method: "POST", body: input }).then((r) => r.workspace),
    onSuccess: () => qc.invalidateQueries({ queryKey: workspaceKeys.mine() }),
  });
}

export function useRenameWorkspace(workspaceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string }) =>
      apiFetch(`/api/workspaces/${encodeURIComponent(workspaceId)}`, { method: "PATCH", body: input }),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: workspaceKeys.detail(workspaceId) }),
        qc.invalidateQueries({ queryKey: workspaceKeys.mine() }),
        qc.invalidateQueries({ queryKey: ["workspaces", workspaceId, "audit-logs"] }),
      ]),
  });
}

export function useBilling(workspaceId: string) {
  return useQuery({
    queryKey: workspaceKeys.billing(workspaceId),
    queryFn: () => apiFetch<Billing>(`/api/workspaces/${encodeURIComponent(workspaceId)}/billing`),
  });
}

export type SetBillingInput = { tier: Tier; customMtuLimit?: number; customDestinationLimit?: number };

export function useSetBilling(workspaceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SetBillingInput) =>
      apiFetch(`/api/workspaces/${encodeURIComponent(workspaceId)}/billing`, { method: "PUT", body: input }),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: workspaceKeys.billing(workspaceId) }),
        qc.invalidateQueries({ queryKey: workspaceKeys.detail(workspaceId) }),
        qc.invalidateQueries({ queryKey: workspaceKeys.mine() }),
      ]),
  });
}
