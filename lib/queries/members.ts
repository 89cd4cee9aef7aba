import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { createInvitation } from "@/domain/invitations/create-invitation";
import type { listMembers } from "@/domain/members/list-members";
import type { Role } from "@/lib/generated/prisma/enums";
import { apiFetch } from "@/lib/client/api-fetch";
import type { Wire } from "@/lib/client/wire";
import { auditKeys } from "./audit";
import { workspaceKeys } from "./workspaces";

export type MembersList = Wire<Awaited<ReturnType<typeof listMembers>>>;
export type Member = MembersList["members"][number];
export type PendingInvitation = MembersList["invitations"][number];
export type CreatedInvitation = Wire<Awaited<ReturnType<typeof createInvitation>>>;
export type RoleAndScopeInput = { role: Role; allSources: boolean; sourceIds: string[] };

export const memberKeys = {
  all: (workspaceId: string) => ["workspaces", workspaceId, "members"] as const,
};

const base = (workspaceId: string) => `/api/workspaces/${encodeURIComponent(workspaceId)}`;

export function useMembers(workspaceId: string) {
  return useQuery({
    queryKey: memberKeys.all(workspaceId),
    queryFn: () => apiFetch<MembersList>(`${base(workspaceId)}/members`),
  });
}

// Every member change is audited, so the audit log is refreshed along with the list.
function useInvalidateMembers(workspaceId: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: memberKeys.all(workspaceId) }),
      qc.invalidateQueries({ queryKey: auditKeys.all(workspaceId) }),
    ]);
}

export function useInviteMember(workspaceId: string) {
  const invalidate = useInvalidateMembers(workspaceId);
  return useMutation({
    mutationFn: (input: RoleAndScopeInput & { email: string }) =>
      apiFetch<{ invitation: CreatedInvitation }>(`${base(workspaceId)}/invitations`, { method: "POST", body: input }).then(
        (r) => r.invitation,
      ),
    onSuccess: invalidate,
  });
}

export function useRevokeInvitation(workspaceId: string) {
  const invalidate = useInvalidateMembers(workspaceId);
  return useMutation({
    mutationFn: (invitationId: string) =>
      apiFetch(`${base(workspaceId)}/invitations/${encodeURIComponent(invitationId)}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}

export function useChangeMemberRole(workspaceId: string) {
  const qc = useQueryClient();
  const invalidate = useInvalidateMembers(workspaceId);
  return useMutation({
    mutationFn: ({ membershipId, ...input }: RoleAndScopeInput & { membershipId: string }) =>
      apiFetch(`${base(workspaceId)}/members/${encodeURIComponent(membershipId)}`, { method: "PATCH", body: input }),
    // Changing one's own role changes what the sidebar may show.
    onSuccess: () => Promise.all([invalidate(), qc.invalidateQueries({ queryKey: workspaceKeys.detail(workspaceId) })]),
  });
}

export function useRemoveMember(workspaceId: string) {
  const invalidate = useInvalidateMembers(workspaceId);
  return useMutation({
    mutationFn: (membershipId: string) =>
      apiFetch(`${base(workspaceId)}/members/${encodeURIComponent(membershipId)}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}
