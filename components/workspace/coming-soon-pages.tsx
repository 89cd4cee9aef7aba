"use client";

import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PlanIcon, ShieldIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import type { Action } from "@/lib/permissions/permissions";
import { RequirePermission } from "./require-permission";

type Props = { workspaceId: string };

// Screens whose features land in later releases: each a real empty state, saying what will be here.
function ComingSoon({ workspaceId, action, title, description, icon, emptyTitle, emptyText, cta }: Props & {
  action: Action; title: string; description: string; icon: ReactNode; emptyTitle: string; emptyText: string; cta: string;
}) {
  return (
    <RequirePermission workspaceId={workspaceId} action={action}>
      {() => (
        <>
          <PageHeader
            title={title}
            description={description}
            actions={
              <Button disabled title="Coming soon">
                {cta}
              </Button>
            }
          />
          <Card>
            <EmptyState
              icon={icon}
              title={emptyTitle}
              description={emptyText}
              action={<Badge tone="amber">Coming soon</Badge>}
            />
          </Card>
        </>
      )}
    </RequirePermission>
  );
}

export function TrackingPlansPage({ workspaceId }: Props) {
  return (
    <ComingSoon
      workspaceId={workspaceId}
      action="trackingplans.read"
      title="Tracking plans"
      description="Define the events you expect and what to do with the ones you don't."
      icon={<PlanIcon className="size-5" />}
      emptyTitle="No tracking plans yet"
      emptyText="Tracking plans are coming: describe each event and its properties, then validate, flag or block what doesn't match."
      cta="New tracking plan"
    />
  );
}

export function PrivacyPage({ workspaceId }: Props) {
  return (
    <ComingSoon
      workspaceId={workspaceId}
      action="privacy.read"
      title="Privacy"
      description="PII rules and deletion requests."
      icon={<ShieldIcon className="size-5" />}
      emptyTitle="No privacy rules yet"
      emptyText="Privacy controls are coming: hash or drop personal data before it leaves, and process user deletion requests."
      cta="Add rule"
    />
  );
}
