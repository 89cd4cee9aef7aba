"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { ErrorMessage } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { OnceSecret } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField, TextField } from "@/components/ui/field";
import { PlusIcon, SourceIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/spinner";
import { cellClass, DataTable } from "@/components/ui/data-table";
import { formatDate, formatNumber } from "@/components/workspace/format";
import { RequirePermission } from "@/components/workspace/require-permission";
import { ApiError } from "@/lib/client/api-fetch";
import { can } from "@/lib/permissions/permissions";
import { useCreateSource, useSources, type SourceType } from "@/lib/queries/sources";
import { SOURCE_TYPE_LABELS, SOURCE_TYPES } from "./source-types";

export function SourcesPage({ workspaceId }: { workspaceId: string }) {
  const [adding, setAdding] = useState(false);
  return (
    <RequirePermission workspaceId={workspaceId} action="sources.read">
      {({ grant }) => {
        const canCreate = can(grant, "sources.create");
        return (
          <>
            <PageHeader
              title="Sources"
              description="Websites, apps and servers that send events to Switchyard."
              actions={
                canCreate && !adding ? (
                  <Button onClick={() => setAdding(true)}>
                    <PlusIcon className="size-4" />
                    Add source
                  </Button>
                ) : undefined
              }
            />
            <div className="space-y-6">
              {canCreate && <AddSource workspaceId={workspaceId} open={adding} onClose={() => setAdding(false)} />}
              <SourceList workspaceId={workspaceId} onAdd={canCreate && !adding ? () => setAdding(true) : undefined} />
            </div>
          </>
        );
      }}
    </RequirePermission>
  );
}

// The form, then (once created) the new source's key, shown once, with a link to its page.
function AddSource({ workspaceId, open, onClose }: { workspaceId: string; open: boolean; onClose: () => void }) {
  const create = useCreateSource(workspaceId);
  const [type, setType] = useState<SourceType>("JAVASCRIPT");

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    create.mutate({ name: String(data.get("name") ?? ""), type }, { onSuccess: onClose });
  }
  const nameError = create.error instanceof ApiError ? create.error.details?.find((d) => d.path === "name")?.message : undefined;
  const created = create.data;

  return (
    <>
      {created && (
        <Card>
          <CardHeader
            title={<>Source “{created.source.name}” created</>}
            actions={
              <>
                <Button variant="ghost" size="sm" onClick={() => create.reset()}>
                  Dismiss
                </Button>
                <Link
                  href={`/w/${workspaceId}/sources/${created.source.id}`}
                  className="inline-flex h-8 items-center rounded-md bg-neutral-900 px-2.5 text-xs font-medium text-white hover:bg-neutral-800"
                >
                  Open source
                </Link>
              </>
            }
          />
          <CardBody>
            <OnceSecret
              label="Write key"
              value={created.writeKey.key}
              note={
                created.source.type === "JAVASCRIPT"
                  ? "Browser keys are public (every page that loads analytics.js contains it); it stays visible on the source page."
                  : "Copy it now: a server key is shown only once and cannot be recovered (rotate it if lost)."
              }
            />
          </CardBody>
        </Card>
      )}
      {open && (
        <Card>
          <CardHeader title="Add a source" description="Each source gets its own write key and its own event volume." />
          <CardBody>
            <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-[1fr_14rem_auto_auto] sm:items-end">
              <TextField label="Source name" name="name" required maxLength={100} placeholder="Marketing site" error={nameError} autoFocus />
              <SelectField label="Source type" value={type} onChange={(e) => setType(e.target.value as SourceType)}>
                {SOURCE_TYPES.map((t) => (
                  <option key={t.value} value={t.value}>
                    {t.label}
                  </option>
                ))}
              </SelectField>
              <Button type="submit" loading={create.isPending}>
                Create source
              </Button>
              <Button variant="ghost" onClick={onClose}>
                Cancel
              </Button>
            </form>
            <p className="mt-2 text-xs text-neutral-500">{SOURCE_TYPES.find((t) => t.value === type)?.description}</p>
            {!nameError && <ErrorMessage error={create.error} className="mt-4" />}
          </CardBody>
        </Card>
      )}
    </>
  );
}

const td = cellClass;

function SourceList({ workspaceId, onAdd }: { workspaceId: string; onAdd?: () => void }) {
  const sources = useSources(workspaceId);
  if (sources.isPending) return <Card><SkeletonRows /></Card>;
  if (sources.error) {
    return (
      <Card>
        <CardBody>
          <ErrorMessage error={sources.error} />
        </CardBody>
      </Card>
    );
  }
  if (sources.data.length === 0) {
    return (
      <Card>
        <EmptyState
          icon={<SourceIcon className="size-5" />}
          title="No sources yet"
          description="Create a source to get a write key, then send events from analytics.js, analytics-node or plain HTTP."
          action={onAdd && <Button onClick={onAdd}>Add source</Button>}
        />
      </Card>
    );
  }
  return (
    <Card>
      <DataTable label="Sources" columns={[{ label: "Name" }, { label: "Type" }, { label: "Events, 7 days", align: "right" }, { label: "Write keys", align: "right" }, { label: "Created" }]}>
            {sources.data.map((s) => (
              <tr key={s.id} className="hover:bg-neutral-50/60">
                <td className={td}>
                  <Link href={`/w/${workspaceId}/sources/${s.id}`} className="font-medium text-neutral-900 underline-offset-4 hover:underline">
                    {s.name}
                  </Link>
                </td>
                <td className={td}>
                  <Badge>{SOURCE_TYPE_LABELS[s.type]}</Badge>
                </td>
                <td className={`${td} text-right tabular-nums`}>{formatNumber(s.eventsRecent)}</td>
                <td className={`${td} text-right tabular-nums`}>
                  {s.activeWriteKeys === 0 ? <Badge tone="amber">None active</Badge> : formatNumber(s.activeWriteKeys)}
                </td>
                <td className={`${td} text-neutral-500`}>{formatDate(s.createdAt)}</td>
              </tr>
            ))}
      </DataTable>
    </Card>
  );
}
