"use client";

import { useState, type FormEvent } from "react";
import { ErrorMessage } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton, OnceSecret } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField } from "@/components/ui/field";
import { KeyIcon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/spinner";
import { cellClass, DataTable, RowError } from "@/components/ui/data-table";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { formatDateTime, formatRelative } from "@/components/workspace/format";
import {
  useCreateWriteKey, useRevokeWriteKey, useRotateWriteKeys, useWriteKeys, type SourceType, type WriteKeyRow,
} from "@/lib/queries/sources";

const GRACE_OPTIONS = [
  { hours: 0, label: "None: old keys stop now" },
  { hours: 1, label: "1 hour" },
  { hours: 24, label: "24 hours" },
  { hours: 72, label: "3 days" },
  { hours: 168, label: "7 days" },
];

const STATUS: Record<WriteKeyRow["status"], { label: string; tone: "green" | "amber" | "red" | "neutral" }> = {
  active: { label: "Active", tone: "green" },
  expiring: { label: "Expiring", tone: "amber" },
  expired: { label: "Expired", tone: "neutral" },
  revoked: { label: "Revoked", tone: "red" },
};

export function WriteKeysCard({ workspaceId, sourceId, sourceType, canWrite }: {
  workspaceId: string;
  sourceId: string;
  sourceType: SourceType;
  canWrite: boolean;
}) {
  const keys = useWriteKeys(workspaceId, sourceId);
  const create = useCreateWriteKey(workspaceId, sourceId);
  const rotate = useRotateWriteKeys(workspaceId, sourceId);
  const [rotating, setRotating] = useState(false);

  // The key just issued, by whichever action ran last (each resets the other).
  const issued = create.data ?? rotate.data?.writeKey;

  function onRotate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const graceHours = Number(new FormData(e.currentTarget).get("graceHours"));
    create.reset();
    rotate.mutate({ graceHours }, { onSuccess: () => setRotating(false) });
  }

  return (
    <Card>
      <CardHeader
        title="Write keys"
        description="Clients authenticate with a write key. Rotate to replace keys with a grace period; revoke to stop one now."
        actions={
          canWrite && (
            <>
              <Button variant="secondary" size="sm" loading={create.isPending} onClick={() => { rotate.reset(); create.mutate(); }}>
                Create key
              </Button>
              {!rotating && (
                <Button variant="secondary" size="sm" onClick={() => setRotating(true)}>
                  Rotate keys
                </Button>
              )}
            </>
          )
        }
      />
      {rotating && (
        <CardBody className="border-b border-neutral-200 bg-neutral-50/60">
          <form onSubmit={onRotate} className="grid gap-4 sm:grid-cols-[16rem_auto_auto] sm:items-end">
            <SelectField
              label="Grace period"
              name="graceHours"
              defaultValue="24"
              hint="Old keys keep working this long, so deployed clients can move to the new key."
            >
              {GRACE_OPTIONS.map((o) => (
                <option key={o.hours} value={o.hours}>
                  {o.label}
                </option>
              ))}
            </SelectField>
            <Button type="submit" loading={rotate.isPending}>
              Rotate
            </Button>
            <Button variant="ghost" onClick={() => setRotating(false)}>
              Cancel
            </Button>
          </form>
        </CardBody>
      )}
      {(create.error || rotate.error || issued) && (
        <CardBody className="space-y-3 border-b border-neutral-200">
          <ErrorMessage error={create.error ?? rotate.error} />
          {issued && (
            <OnceSecret
              label="New write key"
              value={issued.key}
              note={
                sourceType === "JAVASCRIPT"
                  ? "Browser keys are public anyway; Owners, Admins and Source Admins can see it again in this list."
                  : "Copy it now: it is shown only once and cannot be recovered."
              }
            />
          )}
        </CardBody>
      )}
      {keys.isPending ? (
        <SkeletonRows />
      ) : keys.error ? (
        <CardBody>
          <ErrorMessage error={keys.error} />
        </CardBody>
      ) : keys.data.length === 0 ? (
        <EmptyState icon={<KeyIcon className="size-5" />} title="No write keys" description="Create a key to start sending events to this source." />
      ) : (
        <DataTable label="Write keys" columns={[{ label: "Key" }, { label: "Status" }, { label: "Created" }, { label: "Stops working" }, canWrite && { label: "Actions", srOnly: true }]}>
              {keys.data.map((k) => (
                <KeyRow key={k.id} workspaceId={workspaceId} sourceId={sourceId} writeKey={k} canWrite={canWrite} />
              ))}
        </DataTable>
      )}
    </Card>
  );
}

const td = cellClass;

function KeyRow({ workspaceId, sourceId, writeKey: k, canWrite }: { workspaceId: string; sourceId: string; writeKey: WriteKeyRow; canWrite: boolean }) {
  const revoke = useRevokeWriteKey(workspaceId, sourceId);
  const dead = k.status === "revoked" || k.status === "expired";
  const status = STATUS[k.status];
  const stops = k.revokedAt ?? k.expiresAt;
  return (
    <>
      <tr className={dead ? "text-neutral-400" : undefined}>
        <td className={td}>
          {k.key && !dead ? (
            <span className="flex items-center gap-2">
              <code className="font-mono text-xs break-all text-neutral-800">{k.key}</code>
              <CopyButton value={k.key} label={`Copy key ${k.prefix}`} />
            </span>
          ) : (
            <code className="font-mono text-xs">{k.prefix}…</code>
          )}
        </td>
        <td className={td}>
          <Badge tone={status.tone}>{status.label}</Badge>
        </td>
        <td className={`${td} text-neutral-500`} title={formatDateTime(k.createdAt)}>
          {formatRelative(k.createdAt)}
        </td>
        <td className={`${td} text-neutral-500`} title={stops ? formatDateTime(stops) : undefined}>
          {stops ? formatRelative(stops) : "—"}
        </td>
        {canWrite && (
          <td className={`${td} text-right whitespace-nowrap`}>
            {k.status !== "revoked" && k.status !== "expired" && (
              <ConfirmButton
                label="Revoke"
                ariaLabel={`Revoke key ${k.prefix}`}
                tone="danger"
                confirmLabel="Revoke now"
                confirmAriaLabel={`Confirm revoking key ${k.prefix}`}
                pending={revoke.isPending}
                onConfirm={(close) => revoke.mutate(k.id, { onSettled: close })}
              />
            )}
          </td>
        )}
      </tr>
      <RowError error={revoke.error} colSpan={5} />
    </>
  );
}
