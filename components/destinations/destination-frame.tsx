"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { ErrorMessage } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { ChevronRightIcon, DestinationIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Loading } from "@/components/ui/spinner";
import { RequirePermission } from "@/components/workspace/require-permission";
import { ApiError } from "@/lib/client/api-fetch";
import { can, type Grant } from "@/lib/permissions/permissions";
import { useDestination, useDestinationTypes, useUpdateDestination, type DestinationDetail, type DestinationType } from "@/lib/queries/destinations";
import { DestinationStatus, Toggle, TypeGlyph } from "./destination-ui";

export type DestinationContext = { destination: DestinationDetail; type: DestinationType | undefined; grant: Grant; canWrite: boolean };

// The frame of a destination's pages: breadcrumb, name, type, enabled switch and the two tabs.
export function DestinationFrame({
  workspaceId,
  destinationId,
  tab,
  children,
}: {
  workspaceId: string;
  destinationId: string;
  tab: "overview" | "delivery";
  children: (ctx: DestinationContext) => ReactNode;
}) {
  return (
    <RequirePermission workspaceId={workspaceId} action="destinations.read">
      {({ grant }) => (
        <Frame workspaceId={workspaceId} destinationId={destinationId} tab={tab} grant={grant}>
          {children}
        </Frame>
      )}
    </RequirePermission>
  );
}

function Frame({
  workspaceId,
  destinationId,
  tab,
  grant,
  children,
}: {
  workspaceId: string;
  destinationId: string;
  tab: "overview" | "delivery";
  grant: Grant;
  children: (ctx: DestinationContext) => ReactNode;
}) {
  const destination = useDestination(workspaceId, destinationId);
  const types = useDestinationTypes(workspaceId);
  const update = useUpdateDestination(workspaceId, destinationId);
  const listHref = `/w/${workspaceId}/destinations`;
  if (destination.isPending) return <Loading />;
  if (destination.error) {
    if (destination.error instanceof ApiError && destination.error.status === 404) {
      return (
        <Card>
          <EmptyState
            icon={<DestinationIcon className="size-5" />}
            title="Destination not found"
            description="It may have been deleted."
            action={<Link href={listHref} className="text-sm font-medium underline underline-offset-4">Back to destinations</Link>}
          />
        </Card>
      );
    }
    return <ErrorMessage error={destination.error} />;
  }
  const d = destination.data;
  const type = types.data?.find((t) => t.type === d.type);
  // A member scoped to some sources reads, but does not write, a destination it shares with other sources.
  const canWrite = can(grant, "destinations.write") && d.reach === "write";
  const base = `/w/${workspaceId}/destinations/${d.id}`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 flex items-center gap-1 text-sm text-neutral-500">
        <Link href={listHref} className="hover:text-neutral-900">
          Destinations
        </Link>
        <ChevronRightIcon className="size-3.5" />
      </nav>
      <div className="flex items-start gap-4">
        <TypeGlyph type={d.type} className="mt-0.5 size-10" />
        <div className="min-w-0 flex-1">
          <PageHeader
            title={d.name}
            description={
              <span className="flex flex-wrap items-center gap-2">
                <Badge tone={d.category === "warehouse" ? "blue" : "neutral"}>{type?.label ?? d.type}</Badge>
                <DestinationStatus enabled={d.enabled} connections={d.connections.length} />
                <span className="font-mono text-xs">{d.id}</span>
              </span>
            }
            actions={
              <div className="flex items-center gap-2.5">
                <span className="text-sm text-neutral-600">{d.enabled ? "Enabled" : "Disabled"}</span>
                <Toggle
                  checked={d.enabled}
                  label="Destination enabled"
                  disabled={!canWrite || update.isPending}
                  onChange={(enabled) => update.mutate({ enabled })}
                />
              </div>
            }
          />
        </div>
      </div>
      <ErrorMessage error={update.error} className="mb-4" />
      <nav aria-label="Destination sections" className="mb-6 flex gap-1 border-b border-neutral-200">
        {[
          { key: "overview", label: "Configuration", href: base },
          { key: "delivery", label: "Event delivery", href: `${base}/delivery` },
        ].map((t) => (
          <Link
            key={t.key}
            href={t.href}
            aria-current={tab === t.key ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
              tab === t.key ? "border-neutral-900 text-neutral-900" : "border-transparent text-neutral-500 hover:text-neutral-800",
            )}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      {children({ destination: d, type, grant, canWrite })}
    </>
  );
}
