"use client";

import Link from "next/link";
import { useState } from "react";
import { ErrorMessage } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClass } from "@/components/ui/field";
import { PlusIcon, SourceIcon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/spinner";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { canOnSource, type Grant } from "@/lib/permissions/permissions";
import {
  useAddFilter,
  useConnectSource,
  useDeleteFilter,
  useDisconnectSource,
  useSwapFilters,
  useUpdateFilter,
  type Connection,
  type DestinationDetail,
  type Filter,
} from "@/lib/queries/destinations";
import { useSources } from "@/lib/queries/sources";
import { describeAction, FilterEditor } from "./filter-editor";

// The sources feeding this destination, each with its filters.
export function ConnectionsCard({ workspaceId, destination, grant }: { workspaceId: string; destination: DestinationDetail; grant: Grant }) {
  const sources = useSources(workspaceId);
  const connect = useConnectSource(workspaceId, destination.id);
  const [picked, setPicked] = useState("");
  const connectedIds = new Set(destination.connections.map((c) => c.sourceId));
  // A member scoped to some sources changes nothing of a destination it shares with other sources ("read" reach).
  const mayWrite = (sourceId: string) => destination.reach === "write" && canOnSource(grant, "destinations.write", sourceId);
  const available = (sources.data ?? []).filter((s) => !connectedIds.has(s.id) && mayWrite(s.id));
  const sourceName = (id: string) => sources.data?.find((s) => s.id === id)?.name ?? id;
  const choice = available.some((s) => s.id === picked) ? picked : (available[0]?.id ?? "");

  return (
    <Card>
      <CardHeader
        title="Connected sources"
        description="Events these sources receive from now on are delivered here, after each connection's filters."
        actions={
          available.length > 0 && (
            <form
              className="flex items-center gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                if (choice) connect.mutate(choice, { onSuccess: () => setPicked("") });
              }}
            >
              <select aria-label="Source to connect" value={choice} onChange={(e) => setPicked(e.target.value)} className={cn(inputClass, "h-8 w-48 py-1 text-xs")}>
                {available.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
              <Button type="submit" size="sm" loading={connect.isPending}>
                Connect source
              </Button>
            </form>
          )
        }
      />
      <ErrorMessage error={connect.error} className="mx-5 mt-4" />
      {sources.isPending ? (
        <SkeletonRows rows={2} />
      ) : destination.connections.length === 0 ? (
        <EmptyState
          icon={<SourceIcon className="size-5" />}
          title="No sources connected"
          description={
            (sources.data?.length ?? 0) === 0 ? (
              <>
                This workspace has no sources yet.{" "}
                <Link href={`/w/${workspaceId}/sources`} className="font-medium underline underline-offset-4">
                  Add a source
                </Link>{" "}
                first.
              </>
            ) : (
              "Connect a source to start delivering its events."
            )
          }
        />
      ) : (
        <ul className="divide-y divide-neutral-100" aria-label="Connections">
          {destination.connections.map((c) => (
            <ConnectionRow
              key={c.id}
              workspaceId={workspaceId}
              destinationId={destination.id}
              connection={c}
              sourceName={sourceName(c.sourceId)}
              canWrite={mayWrite(c.sourceId)}
            />
          ))}
        </ul>
      )}
    </Card>
  );
}

function ConnectionRow({
  workspaceId,
  destinationId,
  connection,
  sourceName,
  canWrite,
}: {
  workspaceId: string;
  destinationId: string;
  connection: Connection;
  sourceName: string;
  canWrite: boolean;
}) {
  const disconnect = useDisconnectSource(workspaceId, destinationId);
  const add = useAddFilter(workspaceId, destinationId);
  const [adding, setAdding] = useState(false);
  const filters = [...connection.filters].sort((a, b) => a.position - b.position);

  return (
    <li aria-label={`Connection from ${sourceName}`} className="px-5 py-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex min-w-0 items-center gap-2.5">
          <SourceIcon className="size-4 text-neutral-400" />
          <Link href={`/w/${workspaceId}/sources/${connection.sourceId}`} className="font-medium text-neutral-900 underline-offset-4 hover:underline">
            {sourceName}
          </Link>
          <Badge>{filters.length === 0 ? "No filters" : `${filters.length} filter${filters.length === 1 ? "" : "s"}`}</Badge>
        </div>
        {canWrite && (
          <div className="flex items-center gap-2">
            {!adding && (
              <Button variant="secondary" size="sm" onClick={() => { add.reset(); setAdding(true); }} aria-label={`Add filter to ${sourceName}`}>
                <PlusIcon className="size-3.5" />
                Add filter
              </Button>
            )}
            <ConfirmButton
              label="Disconnect"
              ariaLabel={`Disconnect ${sourceName}`}
              confirmLabel="Disconnect"
              prompt={<>Stop delivering events from {sourceName}?</>}
              pending={disconnect.isPending}
              onConfirm={() => disconnect.mutate(connection.sourceId)}
            />
          </div>
        )}
      </div>
      <ErrorMessage error={disconnect.error} className="mt-3" />
      {filters.length > 0 && (
        <ol className="mt-3 space-y-2" aria-label={`Filters of ${sourceName}`}>
          {filters.map((f, i) => (
            <FilterRow
              key={f.id}
              workspaceId={workspaceId}
              destinationId={destinationId}
              filter={f}
              previous={filters[i - 1]}
              next={filters[i + 1]}
              canWrite={canWrite}
            />
          ))}
        </ol>
      )}
      {adding && (
        <div className="mt-3">
          <FilterEditor
            pending={add.isPending}
            error={add.error}
            submitLabel="Save filter"
            onCancel={() => setAdding(false)}
            onSubmit={(filter) => add.mutate({ sourceId: connection.sourceId, filter }, { onSuccess: () => setAdding(false) })}
          />
        </div>
      )}
    </li>
  );
}

function FilterRow({
  workspaceId,
  destinationId,
  filter,
  previous,
  next,
  canWrite,
}: {
  workspaceId: string;
  destinationId: string;
  filter: Filter;
  previous?: Filter;
  next?: Filter;
  canWrite: boolean;
}) {
  const update = useUpdateFilter(workspaceId, destinationId);
  const remove = useDeleteFilter(workspaceId, destinationId);
  const swap = useSwapFilters(workspaceId, destinationId);
  const [editing, setEditing] = useState(false);

  if (editing) {
    return (
      <li>
        <FilterEditor
          initial={filter}
          pending={update.isPending}
          error={update.error}
          submitLabel="Save filter"
          onCancel={() => setEditing(false)}
          onSubmit={(f) => update.mutate({ filterId: filter.id, filter: f }, { onSuccess: () => setEditing(false) })}
        />
      </li>
    );
  }
  return (
    <li aria-label={`Filter ${filter.name}`} className="rounded-md border border-neutral-200 bg-white px-3.5 py-2.5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <p className="flex items-center gap-2 text-sm font-medium text-neutral-900">
            {filter.name}
            {!filter.enabled && <Badge>Disabled</Badge>}
          </p>
          <p className="font-mono text-xs break-all text-neutral-700">
            <span className="text-neutral-400">if </span>
            {filter.if}
          </p>
          <p className="flex flex-wrap gap-1">
            {filter.actions.map((a, i) => (
              <Badge key={i} tone={a.type === "DROP" ? "red" : a.type === "ONLY_SEND" ? "green" : "amber"}>
                {describeAction(a)}
              </Badge>
            ))}
          </p>
        </div>
        {canWrite && (
          <div className="flex items-center gap-1">
            <Button variant="ghost" size="sm" disabled={!previous || swap.isPending} onClick={() => previous && swap.mutate([filter, previous])} aria-label={`Move filter ${filter.name} up`}>
              ↑
            </Button>
            <Button variant="ghost" size="sm" disabled={!next || swap.isPending} onClick={() => next && swap.mutate([filter, next])} aria-label={`Move filter ${filter.name} down`}>
              ↓
            </Button>
            <Button variant="secondary" size="sm" onClick={() => { update.reset(); setEditing(true); }} aria-label={`Edit filter ${filter.name}`}>
              Edit
            </Button>
            <Button variant="danger" size="sm" loading={remove.isPending} onClick={() => remove.mutate(filter.id)} aria-label={`Delete filter ${filter.name}`}>
              Delete
            </Button>
          </div>
        )}
      </div>
      <ErrorMessage error={remove.error ?? swap.error} className="mt-2" />
    </li>
  );
}
