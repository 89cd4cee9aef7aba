"use client";

import { ErrorMessage } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { SkeletonRows } from "@/components/ui/spinner";
import { formatNumber } from "@/components/workspace/format";
import { useUsage } from "@/lib/queries/usage";

const monthName = (month: string) =>
  new Intl.DateTimeFormat("en-US", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-01T00:00:00Z`));

// Monthly tracked users this calendar month (UTC) against the plan's limit.
export function MtuMeter({ workspaceId }: { workspaceId: string }) {
  const usage = useUsage(workspaceId);
  return (
    <Card>
      <CardHeader title="Monthly tracked users" description={usage.data ? monthName(usage.data.month) : "This month"} />
      {usage.isPending ? (
        <SkeletonRows rows={2} />
      ) : usage.error ? (
        <CardBody>
          <ErrorMessage error={usage.error} />
        </CardBody>
      ) : (
        <CardBody>
          <MtuBar mtu={usage.data.mtu} limit={usage.data.mtuLimit} />
        </CardBody>
      )}
    </Card>
  );
}

export function MtuBar({ mtu, limit }: { mtu: number; limit: number | null }) {
  const over = limit !== null && mtu > limit;
  const pct = limit ? Math.min(100, (mtu / limit) * 100) : 0;
  return (
    <div>
      <p className="text-sm text-neutral-600">
        <span className="text-2xl font-semibold tracking-tight text-neutral-900 tabular-nums">{formatNumber(mtu)}</span>{" "}
        {limit === null ? "MTUs · no limit on this plan" : `of ${formatNumber(limit)} MTUs`}
      </p>
      {limit !== null && (
        <div
          role="meter"
          aria-label="Monthly tracked users against the plan limit"
          aria-valuemin={0}
          aria-valuemax={limit}
          aria-valuenow={mtu}
          aria-valuetext={`${formatNumber(mtu)} of ${formatNumber(limit)} MTUs`}
          className="mt-3 h-2 overflow-hidden rounded-full bg-neutral-100"
        >
          <div
            className={cn("h-full rounded-full", over ? "bg-red-500" : pct >= 80 ? "bg-amber-500" : "bg-neutral-800")}
            style={{ width: `${Math.max(mtu > 0 ? 1 : 0, pct)}%` }}
          />
        </div>
      )}
      {over && <p className="mt-2 text-xs text-red-700">Over the limit by {formatNumber(mtu - limit!)}. Nothing is dropped.</p>}
    </div>
  );
}
