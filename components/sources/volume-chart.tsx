"use client";

import { ErrorMessage } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SkeletonRows } from "@/components/ui/spinner";
import { BarChart } from "@/components/usage/bar-chart";
import { formatNumber } from "@/components/workspace/format";
import { useSourceVolume } from "@/lib/queries/sources";

const hourLabel = new Intl.DateTimeFormat("en-US", { hour: "numeric" });

export function VolumeChart({ workspaceId, sourceId }: { workspaceId: string; sourceId: string }) {
  const volume = useSourceVolume(workspaceId, sourceId);
  const total = volume.data?.total ?? 0;
  return (
    <Card>
      <CardHeader
        title="Events, last 24 hours"
        description={volume.data ? `${formatNumber(total)} ${total === 1 ? "event" : "events"} received` : "Per hour"}
      />
      {volume.isPending ? (
        <SkeletonRows rows={3} />
      ) : volume.error ? (
        <CardBody>
          <ErrorMessage error={volume.error} />
        </CardBody>
      ) : (
        <CardBody>
          <BarChart
            label="Events per hour, last 24 hours"
            ticks={5}
            bars={volume.data.hours.map((h) => ({ key: h.hour, label: hourLabel.format(new Date(h.hour)), value: h.events }))}
          />
          {total === 0 && <p className="mt-3 text-sm text-neutral-500">No events yet. Install a snippet below and send one.</p>}
        </CardBody>
      )}
    </Card>
  );
}
