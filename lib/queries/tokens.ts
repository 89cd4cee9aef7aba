import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { createApiToken } from "@/domain/tokens/create-api-token";
import type { listApiTokens } from "@/domain/tokens/list-api-tokens";
import type { Role } from "@/lib/generated/prisma/enums";
import { apiFetch } from "@/lib/client/api-fetch";
import type { Wire } from "@/lib/client/wire";
import { auditKeys } from "./audit";

export type ApiTokenRow = Wire<Awaited<ReturnType<typeof listApiTokens>>[number]>;
export type CreatedApiToken = Wire<Awaited<ReturnType<typeof createApiToken>>>;

export const tokenKeys = {
  all: (workspaceId: string) => ["workspaces", workspaceId, "tokens"] as const,
};

const base = (workspaceId: string) => `/api/workspaces/${encodeURIComponent(workspaceId)}/tokens`;

export function useApiTokens(workspaceId: string) {
  return useQuery({
    queryKey: tokenKeys.all(workspaceId),
    queryFn: () => apiFetch<{ tokens: ApiTokenRow[] }>(base(workspaceId)).then((r) => r.tokens),
  });
}

function useInvalidateTokens(workspaceId: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: tokenKeys.all(workspaceId) }),
      qc.invalidateQueries({ queryKey: auditKeys.all(workspaceId) }),
    ]);
}

export function useCreateApiToken(workspaceId: string) {
  const invalidate = useInvalidateTokens(workspaceId);
  return useMutation({
    mutationFn: (input: { name: string; role: Role; expiresInDays?: number }) =>
      apiFetch<{ token: CreatedApiToken }>(base(workspaceId), { method: "POST", body: input }).then((r) => r.token),
    onSuccess: invalidate,
  });
}

export function useRevokeApiToken(workspaceId: string) {
  const invalidate = useInvalidateTokens(workspaceId);
  return useMutation({
    mutationFn: (tokenId: string) => apiFetch(`${base(workspaceId)}/${encodeURIComponent(tokenId)}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}
