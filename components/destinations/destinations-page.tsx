"use client";

import Link from "next/link";
import { ErrorMessage } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { DestinationIcon, PlusIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/spinner";
import { DataTable } from "@/components/ui/data-table";
import { formatDate } from "@/components/workspace/format";
import { RequirePermission } from "@/components/workspace/require-permission";
import { can, type Grant } from "@/lib/permissions/permissions";
import { useDestinations, useDestinationTypes, useToggleDestination } from "@/lib/queries/destinations";
import { useSources } from "@/lib/queries/sources";
import { DestinationStatus, linkButtonClass, td, Toggle, TypeGlyph } from "./destination-ui";

export function DestinationsPage({ workspaceId }: { workspaceId: string }) {
  return (
    <RequirePermission workspaceId={workspaceId} action="destinations.read">
      {({ grant, workspace }) => {
        const canWrite = can(grant, "destinations.write");
        const limit = workspace.limits.destinations;
        return (
          <>
            <PageHeader
              title="Destinations"
              description={
                <>
                  Tools and warehouses that receive your events.
                  {limit !== null && <> Your tier allows {limit} destination{limit === 1 ? "" : "s"}.</>}
                </>
              }
              actions={
                canWrite ? (
                  <Link href={`/w/${workspaceId}/destinations/new`} className={linkButtonClass}>
                    <PlusIcon className="size-4" />
                    Add destination
                  </Link>
                ) : undefined
              }
            />
            <DestinationList workspaceId={workspaceId} grant={grant} />
          </>
        );
      }}
    </RequirePermission>
  );
}

function DestinationList({ workspaceId, grant }: { workspaceId: string; grant: Grant }) {
  const destinations = useDestinations(workspaceId);
  const types = useDestinationTypes(workspaceId);
  const sources = useSources(workspaceId);
  const toggle = useToggleDestination(workspaceId);
  const canWrite = can(grant, "destinations.write");

  if (destinations.isPending) return <Card><SkeletonRows /></Card>;
  if (destinations.error) {
    return (
      <Card>
        <CardBody>
          <ErrorMessage error={destinations.error} />
        </CardBody>
      </Card>
    );
  }
  if (destinations.data.length === 0) {
    return (
      <Card>
        <EmptyState
          icon={<DestinationIcon className="size-5" />}
          title="No destinations yet"
          description="Send your events to a webhook or load them into a Postgres warehouse. Add a destination, connect a source, and events flow."
          action={
            canWrite && (
              <Link href={`/w/${workspaceId}/destinations/new`} className={linkButtonClass}>
                Browse the catalog
              </Link>
            )
          }
        />
      </Card>
    );
  }
  const typeLabel = (t: string) => types.data?.find((x) => x.type === t)?.label ?? t;
  const sourceName = (id: string) => sources.data?.find((s) => s.id === id)?.name ?? id;
  return (
    <Card>
      <ErrorMessage error={toggle.error} className="m-4" />
      <DataTable label="Destinations" columns={[{ label: "Name" }, { label: "Type" }, { label: "Status" }, { label: "Connected sources" }, { label: "Created" }, { label: "Enabled", align: "right" }]}>
            {destinations.data.map((d) => (
              <tr key={d.id} className="hover:bg-neutral-50/60">
                <td className={td}>
                  <div className="flex items-center gap-3">
                    <TypeGlyph type={d.type} className="size-8" />
                    <Link href={`/w/${workspaceId}/destinations/${d.id}`} className="font-medium text-neutral-900 underline-offset-4 hover:underline">
                      {d.name}
                    </Link>
                  </div>
                </td>
                <td className={td}>
                  <Badge tone={d.category === "warehouse" ? "blue" : "neutral"}>{typeLabel(d.type)}</Badge>
                </td>
                <td className={td}>
                  <DestinationStatus enabled={d.enabled} connections={d.connections.length} />
                </td>
                <td className={td}>
                  {d.connections.length === 0 ? (
                    <span className="text-neutral-400">None</span>
                  ) : (
                    <span className="flex flex-wrap gap-1">
                      {d.connections.map((c) => (
                        <Badge key={c.id} tone="teal">
                          {sourceName(c.sourceId)}
                        </Badge>
                      ))}
                    </span>
                  )}
                </td>
                <td className={`${td} text-neutral-500`}>{formatDate(d.createdAt)}</td>
                <td className={`${td} text-right`}>
                  <Toggle
                    checked={d.enabled}
                    label={`Enable ${d.name}`}
                    disabled={!canWrite || d.reach !== "write" || (toggle.isPending && toggle.variables?.destinationId === d.id)}
                    onChange={(enabled) => toggle.mutate({ destinationId: d.id, enabled })}
                  />
                </td>
              </tr>
            ))}
      </DataTable>
    </Card>
  );
}
