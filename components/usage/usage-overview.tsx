"use client";

import { can } from "@/lib/permissions/permissions";
import { useWorkspace } from "@/lib/queries/workspaces";
import { EventsPerDayChart } from "./events-per-day-chart";
import { MtuMeter } from "./mtu-meter";
import { OverLimitBanner } from "./over-limit-banner";

// The usage block of the workspace overview: the over-limit banner (Owners), the MTU meter and events per day.
// Renders nothing for members without usage.read. Pass showBanner={false} when OverLimitBanner is mounted elsewhere
// (e.g. in the shell, above every page).
export function UsageOverview({ workspaceId, showBanner = true }: { workspaceId: string; showBanner?: boolean }) {
  const workspace = useWorkspace(workspaceId);
  if (!workspace.data || !can(workspace.data.membership, "usage.read")) return null;
  return (
    <section aria-label="Usage" className="mt-6">
      {showBanner && <OverLimitBanner workspaceId={workspaceId} />}
      <div className="grid gap-4 lg:grid-cols-[1fr_2fr]">
        <MtuMeter workspaceId={workspaceId} />
        <EventsPerDayChart workspaceId={workspaceId} />
      </div>
    </section>
  );
}
