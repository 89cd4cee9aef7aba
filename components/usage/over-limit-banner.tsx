"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { formatNumber } from "@/components/workspace/format";
import { TIER_LABELS } from "@/components/workspace/tier-labels";
import { can } from "@/lib/permissions/permissions";
import { useUsage } from "@/lib/queries/usage";
import { useWorkspace } from "@/lib/queries/workspaces";

// Shown to whoever can change the plan (Owners) when this month's MTUs exceed the plan's limit. Renders nothing
// otherwise, and nothing while loading or on error (it is a notice, not the page's content).
export function OverLimitBanner({ workspaceId }: { workspaceId: string }) {
  const workspace = useWorkspace(workspaceId);
  const mayChangePlan = !!workspace.data && can(workspace.data.membership, "billing.write");
  const usage = useUsage(workspaceId, { enabled: mayChangePlan });
  if (!mayChangePlan || !usage.data?.overLimit || usage.data.mtuLimit === null) return null;
  const { mtu, mtuLimit } = usage.data;
  return (
    <Alert tone="warning" title="This workspace is over its monthly tracked users limit" className="mb-6">
      <p>
        {formatNumber(mtu)} MTUs this month, above the {formatNumber(mtuLimit)} included in the {TIER_LABELS[workspace.data!.workspace.tier]}{" "}
        plan. Switchyard never drops data over the limit: every event is still collected and delivered.{" "}
        <Link href={`/w/${workspaceId}/billing`} className="font-medium underline underline-offset-4">
          Review the plan
        </Link>
      </p>
    </Alert>
  );
}
