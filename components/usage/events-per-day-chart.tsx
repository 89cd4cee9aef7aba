"use client";

import { ErrorMessage } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SkeletonRows } from "@/components/ui/spinner";
import { formatNumber } from "@/components/workspace/format";
import { useUsage } from "@/lib/queries/usage";
import { BarChart } from "./bar-chart";
import { dailyBars } from "./daily-bars";

export function EventsPerDayChart({ workspaceId, days = 30 }: { workspaceId: string; days?: number }) {
  const usage = useUsage(workspaceId);
  const bars = usage.data ? dailyBars(usage.data.eventsPerDay, days) : [];
  const total = bars.reduce((sum, b) => sum + b.value, 0);
  return (
    <Card>
      <CardHeader
        title="Events per day"
        description={usage.data ? `${formatNumber(total)} ${total === 1 ? "event" : "events"} in the last ${days} days (UTC)` : `Last ${days} days`}
      />
      {usage.isPending ? (
        <SkeletonRows rows={3} />
      ) : usage.error ? (
        <CardBody>
          <ErrorMessage error={usage.error} />
        </CardBody>
      ) : (
        <CardBody>
          <BarChart bars={bars} label={`Events per day, last ${days} days`} />
          {total === 0 && <p className="mt-3 text-sm text-neutral-500">No events yet. Send some from a source to see them here.</p>}
        </CardBody>
      )}
    </Card>
  );
}
