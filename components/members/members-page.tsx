"use client";

import { useSession } from "next-auth/react";
import { ErrorMessage } from "@/components/ui/alert";
import { Badge, RoleBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClass } from "@/components/ui/field";
import { MailIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/spinner";
import { cellClass, DataTable, RowError } from "@/components/ui/data-table";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { formatDate, formatRelative } from "@/components/workspace/format";
import { RequirePermission } from "@/components/workspace/require-permission";
import type { Role } from "@/lib/generated/prisma/enums";
import { can } from "@/lib/permissions/permissions";
import {
  useChangeMemberRole, useMembers, useRemoveMember, useRevokeInvitation, type Member, type PendingInvitation,
} from "@/lib/queries/members";
import { InviteMemberCard } from "./invite-member-card";
import { RoleOptions, scopeLabel } from "./role-options";

export function MembersPage({ workspaceId }: { workspaceId: string }) {
  return (
    <RequirePermission workspaceId={workspaceId} action="members.read">
      {({ grant, workspace }) => {
        const canWrite = can(grant, "members.write");
        return (
          <>
            <PageHeader title="Members" description={`People with access to ${workspace.name}.`} />
            <div className="space-y-6">
              {canWrite && <InviteMemberCard workspaceId={workspaceId} />}
              <MemberLists workspaceId={workspaceId} canWrite={canWrite} />
            </div>
          </>
        );
      }}
    </RequirePermission>
  );
}

const td = cellClass;

function MemberLists({ workspaceId, canWrite }: { workspaceId: string; canWrite: boolean }) {
  const { data, isPending, error } = useMembers(workspaceId);
  const session = useSession();
  const myEmail = session.data?.user?.email ?? null;

  return (
    <>
      <Card>
        <CardHeader title="Members" description={data ? `${data.members.length} ${data.members.length === 1 ? "member" : "members"}` : undefined} />
        {isPending ? (
          <SkeletonRows />
        ) : error ? (
          <div className="p-5">
            <ErrorMessage error={error} />
          </div>
        ) : (
          <DataTable label="Members" columns={[{ label: "Member" }, { label: "Role" }, { label: "Source access" }, { label: "Joined" }, canWrite && { label: "Actions", srOnly: true }]}>
                {data.members.map((m) => (
                  <MemberRow key={m.id} workspaceId={workspaceId} member={m} canWrite={canWrite} isMe={m.user.email === myEmail} />
                ))}
          </DataTable>
        )}
      </Card>

      <Card>
        <CardHeader title="Pending invitations" description="Invitations not yet accepted." />
        {isPending ? (
          <SkeletonRows rows={2} />
        ) : error ? null : data.invitations.length === 0 ? (
          <EmptyState icon={<MailIcon className="size-5" />} title="No pending invitations" description={canWrite ? "Invite someone above: they'll show here until they accept." : undefined} />
        ) : (
          <DataTable label="Pending invitations" columns={[{ label: "Email" }, { label: "Role" }, { label: "Source access" }, { label: "Expires" }, canWrite && { label: "Actions", srOnly: true }]}>
                {data.invitations.map((inv) => (
                  <InvitationRow key={inv.id} workspaceId={workspaceId} invitation={inv} canWrite={canWrite} />
                ))}
          </DataTable>
        )}
      </Card>
    </>
  );
}

function MemberRow({ workspaceId, member, canWrite, isMe }: { workspaceId: string; member: Member; canWrite: boolean; isMe: boolean }) {
  const changeRole = useChangeMemberRole(workspaceId);
  const remove = useRemoveMember(workspaceId);
  const error = changeRole.error ?? remove.error;
  const email = member.user.email;

  return (
    <>
      <tr className="hover:bg-neutral-50/60">
        <td className={td}>
          <div className="flex items-center gap-2">
            <div className="min-w-0">
              <p className="truncate font-medium text-neutral-900">{member.user.name || email}</p>
              {member.user.name && <p className="truncate text-xs text-neutral-500">{email}</p>}
            </div>
            {isMe && <Badge>You</Badge>}
          </div>
        </td>
        <td className={td}>
          {canWrite ? (
            <select
              aria-label={`Role for ${email}`}
              value={member.role}
              disabled={changeRole.isPending}
              // The member's source scope is kept; it only applies to the source roles.
              onChange={(e) =>
                changeRole.mutate({ membershipId: member.id, role: e.target.value as Role, allSources: member.allSources, sourceIds: member.sourceIds })
              }
              className={`${inputClass} w-48 py-1.5`}
            >
              <RoleOptions />
            </select>
          ) : (
            <RoleBadge role={member.role} />
          )}
        </td>
        <td className={`${td} text-neutral-600`}>{scopeLabel(member)}</td>
        <td className={`${td} text-neutral-500`} title={formatDate(member.createdAt)}>
          {formatRelative(member.createdAt)}
        </td>
        {canWrite && (
          <td className={`${td} text-right`}>
            <ConfirmButton
              label="Remove"
              ariaLabel={`Remove ${email}`}
              confirmLabel="Remove"
              confirmAriaLabel={`Confirm removing ${email}`}
              pending={remove.isPending}
              onConfirm={(close) => remove.mutate(member.id, { onSettled: close })}
            />
          </td>
        )}
      </tr>
      {error && (
        <tr>
          <td colSpan={canWrite ? 5 : 4} className="px-5 pb-3">
            <ErrorMessage error={error} />
          </td>
        </tr>
      )}
    </>
  );
}

function InvitationRow({ workspaceId, invitation, canWrite }: { workspaceId: string; invitation: PendingInvitation; canWrite: boolean }) {
  const revoke = useRevokeInvitation(workspaceId);
  return (
    <>
      <tr className="hover:bg-neutral-50/60">
        <td className={`${td} font-medium text-neutral-900`}>{invitation.email}</td>
        <td className={td}>
          <RoleBadge role={invitation.role} />
        </td>
        <td className={`${td} text-neutral-600`}>{scopeLabel(invitation)}</td>
        <td className={`${td} text-neutral-500`} title={formatDate(invitation.expiresAt)}>
          {formatRelative(invitation.expiresAt)}
        </td>
        {canWrite && (
          <td className={`${td} text-right`}>
            <Button
              variant="ghost"
              size="sm"
              loading={revoke.isPending}
              aria-label={`Revoke invitation for ${invitation.email}`}
              onClick={() => revoke.mutate(invitation.id)}
            >
              Revoke
            </Button>
          </td>
        )}
      </tr>
      <RowError error={revoke.error} colSpan={5} />
    </>
  );
}
