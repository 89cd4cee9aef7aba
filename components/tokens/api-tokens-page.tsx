"use client";

import { useState, type FormEvent } from "react";
import { ErrorMessage } from "@/components/ui/alert";
import { Badge, RoleBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { OnceSecret } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField, TextField } from "@/components/ui/field";
import { KeyIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/spinner";
import { cellClass, DataTable, RowError } from "@/components/ui/data-table";
import { RoleOptions } from "@/components/members/role-options";
import { formatDate, formatDateTime, formatRelative } from "@/components/workspace/format";
import { RequirePermission } from "@/components/workspace/require-permission";
import type { Role } from "@/lib/generated/prisma/enums";
import { ApiError } from "@/lib/client/api-fetch";
import { can } from "@/lib/permissions/permissions";
import { useApiTokens, useCreateApiToken, useRevokeApiToken, type ApiTokenRow } from "@/lib/queries/tokens";

export function ApiTokensPage({ workspaceId }: { workspaceId: string }) {
  return (
    <RequirePermission workspaceId={workspaceId} action="tokens.read">
      {({ grant }) => (
        <>
          <PageHeader
            title="API tokens"
            description={
              <>
                Tokens let scripts and the CLI call the Switchyard API: send them as <code className="font-mono text-xs">Authorization: Bearer …</code>
              </>
            }
          />
          <div className="space-y-6">
            {can(grant, "tokens.write") && <CreateTokenCard workspaceId={workspaceId} />}
            <TokenList workspaceId={workspaceId} canWrite={can(grant, "tokens.write")} />
          </div>
        </>
      )}
    </RequirePermission>
  );
}

function CreateTokenCard({ workspaceId }: { workspaceId: string }) {
  const create = useCreateApiToken(workspaceId);
  const [role, setRole] = useState<Role>("ADMIN");

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const days = Number(data.get("expiresInDays") || 0);
    create.mutate(
      { name: String(data.get("name") ?? ""), role, ...(days > 0 ? { expiresInDays: days } : {}) },
      { onSuccess: () => form.reset() },
    );
  }
  const nameError = create.error instanceof ApiError ? create.error.details?.find((d) => d.path === "name")?.message : undefined;

  return (
    <Card>
      <CardHeader title="Create a token" description="A token acts with the role you give it, on this workspace only." />
      <CardBody>
        <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-[1fr_12rem_10rem_auto] sm:items-end">
          <TextField label="Token name" name="name" required maxLength={100} placeholder="CI deploys" error={nameError} />
          <SelectField label="Token role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <RoleOptions exclude={["OWNER"]} />
          </SelectField>
          <SelectField label="Expires" name="expiresInDays" defaultValue="">
            <option value="">Never</option>
            <option value="30">In 30 days</option>
            <option value="90">In 90 days</option>
            <option value="365">In 1 year</option>
          </SelectField>
          <Button type="submit" loading={create.isPending}>
            Create token
          </Button>
        </form>
        {!nameError && <ErrorMessage error={create.error} className="mt-4" />}
        {create.data && (
          <div className="mt-4">
            <OnceSecret
              label={`New token "${create.data.name}"`}
              value={create.data.token}
              note="Copy it now: it is shown only once and cannot be recovered."
            />
          </div>
        )}
      </CardBody>
    </Card>
  );
}

const td = cellClass;

function TokenList({ workspaceId, canWrite }: { workspaceId: string; canWrite: boolean }) {
  const tokens = useApiTokens(workspaceId);
  return (
    <Card>
      <CardHeader title="Tokens" />
      {tokens.isPending ? (
        <SkeletonRows />
      ) : tokens.error ? (
        <div className="p-5">
          <ErrorMessage error={tokens.error} />
        </div>
      ) : tokens.data.length === 0 ? (
        <EmptyState icon={<KeyIcon className="size-5" />} title="No API tokens" description="Create a token to automate Switchyard from scripts or CI." />
      ) : (
        <DataTable label="API tokens" columns={[{ label: "Name" }, { label: "Token" }, { label: "Role" }, { label: "Last used" }, { label: "Created" }, canWrite && { label: "Actions", srOnly: true }]}>
              {tokens.data.map((t) => (
                <TokenRow key={t.id} workspaceId={workspaceId} token={t} canWrite={canWrite} />
              ))}
        </DataTable>
      )}
    </Card>
  );
}

function TokenRow({ workspaceId, token, canWrite }: { workspaceId: string; token: ApiTokenRow; canWrite: boolean }) {
  const revoke = useRevokeApiToken(workspaceId);
  const expired = !!token.expiresAt && new Date(token.expiresAt).getTime() <= Date.now();
  const inactive = !!token.revokedAt || expired;
  return (
    <>
      <tr className={inactive ? "text-neutral-400" : "hover:bg-neutral-50/60"}>
        <td className={td}>
          <span className={inactive ? "font-medium" : "font-medium text-neutral-900"}>{token.name}</span>
          {token.revokedAt && <Badge tone="red" className="ml-2">Revoked</Badge>}
          {!token.revokedAt && expired && <Badge tone="amber" className="ml-2">Expired</Badge>}
        </td>
        <td className={td}>
          <code className="font-mono text-xs">{token.prefix}…</code>
        </td>
        <td className={td}>
          <RoleBadge role={token.role} />
        </td>
        <td className={`${td} text-neutral-500`} title={formatDateTime(token.lastUsedAt)}>
          {formatRelative(token.lastUsedAt)}
        </td>
        <td className={`${td} text-neutral-500`}>
          {formatDate(token.createdAt)}
          <span className="block text-xs">{token.createdBy.email}</span>
        </td>
        {canWrite && (
          <td className={`${td} text-right`}>
            {!token.revokedAt && (
              <Button variant="danger" size="sm" loading={revoke.isPending} aria-label={`Revoke token ${token.name}`} onClick={() => revoke.mutate(token.id)}>
                Revoke
              </Button>
            )}
          </td>
        )}
      </tr>
      <RowError error={revoke.error} colSpan={6} />
    </>
  );
}
