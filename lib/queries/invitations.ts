import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { findInvitation } from "@/domain/invitations/find-invitation";
import { apiFetch } from "@/lib/client/api-fetch";
import type { Wire } from "@/lib/client/wire";
import { workspaceKeys } from "./workspaces";

export type InvitationPreview = Wire<NonNullable<Awaited<ReturnType<typeof findInvitation>>>>;

export const invitationKeys = {
  detail: (token: string) => ["invitations", token] as const,
};

const path = (token: string) => `/api/invitations/${encodeURIComponent(token)}`;

export function useInvitation(token: string | undefined) {
  return useQuery({
    queryKey: invitationKeys.detail(token ?? ""),
    queryFn: () => apiFetch<{ invitation: InvitationPreview }>(path(token!)).then((r) => r.invitation),
    enabled: !!token,
  });
}

export function useAcceptInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (token: string) =>
      apiFetch<{ workspaceId: string; membershipId: string }>(path(token), { method: "POST" }),
    onSuccess: (_data, token) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: workspaceKeys.mine() }),
        qc.invalidateQueries({ queryKey: invitationKeys.detail(token) }),
      ]),
  });
}
