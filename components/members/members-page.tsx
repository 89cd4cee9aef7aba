"use client";

import { useSession } from "next-auth/react";
import { useState } from "react";
import { ErrorMessage } from "@/components/ui/alert";
import { Badge, RoleBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClass } from "@/components/ui/field";
import { MailIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/spinner";
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

const th = "px-5 py-2.5 text-left text-xs font-medium text-neutral-500";
const td = "px-5 py-3 align-middle";

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
          <div className="overflow-x-auto">
            <table className="w-full text-sm" aria-label="Members">
              <thead className="border-b border-neutral-200 bg-neutral-50/60">
                <tr>
                  <th className={th}>Member</th>
                  <th className={th}>Role</th>
                  <th className={th}>Source access</th>
                  <th className={th}>Joined</th>
                  {canWrite && <th className={th}><span className="sr-only">Actions</span></th>}
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-100">
                {data.members.map((m) => (
                  <MemberRow key={m.id} workspaceId={workspaceId} member={m} canWrite={canWrite} isMe={m.user.email === myEmail} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <Card>
        <CardHeader title="Pending invitations" description="Invitations not yet accepted." />
        {isPending ? (
          <SkeletonRows rows={2} />
        ) : error ? null : data.invitations.length === 0 ? (
          <EmptyState icon={<MailIcon className="size-5" />} title="No pending invitations" description={canWrite ? "Invite someone above: they'll show here until they accept." : undefined} />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" aria-label="Pending invitations">
              <thead className="border-b border-neutral-200 bg-neutral-50/60">
                <tr>
                  <th className={th}>Email</th>
                  <th className={th}>Role</th>
                  <th className={th}>Source access</th>
                  <th className={th}>Expires</th>
                  {canWrite && <th className={th}><span className="sr-only">Actions</span></th>}
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-100">
                {data.invitations.map((inv) => (
                  <InvitationRow key={inv.id} workspaceId={workspaceId} invitation={inv} canWrite={canWrite} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}

function MemberRow({ workspaceId, member, canWrite, isMe }: { workspaceId: string; member: Member; canWrite: boolean; isMe: boolean }) {
  const changeRole = useChangeMemberRole(workspaceId);
  const remove = useRemoveMember(workspaceId);
  const [confirming, setConfirming] = useState(false);
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
            {confirming ? (
              <span className="inline-flex gap-2">
                <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
                  Cancel
                </Button>
                <Button
                  variant="danger"
                  size="sm"
                  loading={remove.isPending}
                  aria-label={`Confirm removing ${email}`}
                  onClick={() => remove.mutate(member.id, { onSettled: () => setConfirming(false) })}
                >
                  Remove
                </Button>
              </span>
            ) : (
              <Button variant="ghost" size="sm" aria-label={`Remove ${email}`} onClick={() => setConfirming(true)}>
                Remove
              </Button>
            )}
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
      {revoke.error && (
        <tr>
          <td colSpan={5} className="px-5 pb-3">
            <ErrorMessage error={revoke.error} />
          </td>
        </tr>
      )}
    </>
  );
}
