"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { Badge, RoleBadge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { ChevronRightIcon, DestinationIcon, SourceIcon, UsersIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { UsageOverview } from "@/components/usage/usage-overview";
import { can, isSourceLimited } from "@/lib/permissions/permissions";
import { RequirePermission } from "./require-permission";
import { formatLimit } from "./format";
import { TIER_LABELS } from "./tier-labels";

export function OverviewPage({ workspaceId }: { workspaceId: string }) {
  const base = `/w/${workspaceId}`;
  return (
    <RequirePermission workspaceId={workspaceId} action="workspace.read">
      {({ workspace, grant }) => (
        <>
          <PageHeader title={workspace.name} description="Workspace overview" />
          <div className="grid gap-4 sm:grid-cols-3">
            <Stat label="Plan">
              <span className="flex items-center gap-2">
                {TIER_LABELS[workspace.tier]}
                {can(grant, "billing.read") && (
                  <Link href={`${base}/billing`} className="text-xs font-normal text-neutral-500 underline-offset-4 hover:underline">
                    Manage
                  </Link>
                )}
              </span>
            </Stat>
            <Stat label="Monthly tracked users">{formatLimit(workspace.limits.mtu, "MTU")}</Stat>
            <Stat label="Destinations">{workspace.limits.destinations === null ? "Unlimited" : `Up to ${workspace.limits.destinations}`}</Stat>
          </div>

          <UsageOverview workspaceId={workspaceId} showBanner={false} />

          <Card className="mt-6">
            <CardHeader
              title="Get started"
              description="Switchyard speaks Segment's API: point analytics.js or any Segment library at your collector."
            />
            <ol className="divide-y divide-neutral-100">
              <Step
                n={1}
                icon={<SourceIcon className="size-5" />}
                title="Create a source"
                description="A source is a website, app or server that sends events. Each one gets a write key."
                href={can(grant, "sources.read") ? `${base}/sources` : undefined}
                cta="Go to sources"
              />
              <Step
                n={2}
                icon={<DestinationIcon className="size-5" />}
                title="Connect a destination"
                description="Forward events to your warehouse, analytics and marketing tools."
                href={can(grant, "destinations.read") ? `${base}/destinations` : undefined}
                cta="Go to destinations"
              />
              <Step
                n={3}
                icon={<UsersIcon className="size-5" />}
                title="Invite your team"
                description="Give teammates a role: Admin, Read-only, or access to chosen sources only."
                href={can(grant, "members.read") ? `${base}/members` : undefined}
                cta="Go to members"
              />
            </ol>
          </Card>

          <Card className="mt-6">
            <CardHeader title="Your access" />
            <CardBody className="flex flex-wrap items-center gap-3 text-sm text-neutral-600">
              <RoleBadge role={grant.role} />
              {isSourceLimited(grant) ? (
                <span>
                  Limited to {grant.sourceIds.length} {grant.sourceIds.length === 1 ? "source" : "sources"}
                </span>
              ) : (
                <span>Applies to every source in this workspace.</span>
              )}
              <Badge className="ml-auto font-mono">{workspace.id}</Badge>
            </CardBody>
          </Card>
        </>
      )}
    </RequirePermission>
  );
}

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Card className="px-5 py-4">
      <p className="text-xs font-medium text-neutral-500">{label}</p>
      <div className="mt-1.5 text-lg font-semibold tracking-tight text-neutral-900">{children}</div>
    </Card>
  );
}

function Step({ n, icon, title, description, href, cta }: { n: number; icon: ReactNode; title: string; description: string; href?: string; cta: string }) {
  const content = (
    <>
      <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-neutral-100 text-neutral-600">{icon}</span>
      <span className="min-w-0 flex-1">
        <span className="block text-sm font-medium text-neutral-900">
          <span className="text-neutral-400">{n}.</span> {title}
        </span>
        <span className="block text-sm text-neutral-500">{description}</span>
      </span>
      {href && (
        <span className="hidden items-center gap-1 text-sm font-medium text-neutral-700 sm:flex">
          {cta}
          <ChevronRightIcon className="size-4" />
        </span>
      )}
    </>
  );
  const cls = "flex items-center gap-4 px-5 py-4";
  return <li>{href ? <Link href={href} className={cn(cls, "hover:bg-neutral-50")}>{content}</Link> : <div className={cls}>{content}</div>}</li>;
}
