"use client";

import { useState, type FormEvent } from "react";
import { Alert, ErrorMessage } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { TextField } from "@/components/ui/field";
import { CheckIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/spinner";
import { formatLimit } from "@/components/workspace/format";
import { RequirePermission } from "@/components/workspace/require-permission";
import { TIER_LABELS } from "@/components/workspace/tier-labels";
import type { Tier } from "@/lib/generated/prisma/enums";
import { can } from "@/lib/permissions/permissions";
import { useBilling, useSetBilling, type Billing } from "@/lib/queries/workspaces";

const PLANS: { tier: Tier; summary: string; features: string[] }[] = [
  { tier: "FREE", summary: "For trying Switchyard out.", features: ["1,000 monthly tracked users", "2 destinations", "All sources and libraries"] },
  { tier: "TEAM", summary: "For growing products.", features: ["10,000 monthly tracked users", "Unlimited destinations", "Tracking plans and privacy rules"] },
  { tier: "BUSINESS", summary: "For larger teams with their own limits.", features: ["Custom MTU limit", "Custom destination limit", "Everything in Team"] },
];

export function BillingPage({ workspaceId }: { workspaceId: string }) {
  return (
    <RequirePermission workspaceId={workspaceId} action="billing.read">
      {({ grant }) => (
        <>
          <PageHeader
            title="Billing"
            description="Your plan sets the workspace's limits. Switchyard is self-hosted: no payment is taken here."
          />
          <BillingBody workspaceId={workspaceId} canWrite={can(grant, "billing.write")} />
        </>
      )}
    </RequirePermission>
  );
}

function BillingBody({ workspaceId, canWrite }: { workspaceId: string; canWrite: boolean }) {
  const billing = useBilling(workspaceId);
  const setBilling = useSetBilling(workspaceId);
  // Which plan card the Owner is looking at for Business limits (UI state only).
  const [editingBusiness, setEditingBusiness] = useState(false);

  if (billing.isPending) return <Card><SkeletonRows /></Card>;
  if (billing.error) return <ErrorMessage error={billing.error} />;
  const current = billing.data;

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="Current plan" actions={<Badge tone="violet">{TIER_LABELS[current.tier]}</Badge>} />
        <CardBody className="grid gap-4 text-sm sm:grid-cols-2">
          <div>
            <p className="text-neutral-500">Monthly tracked users</p>
            <p className="mt-0.5 text-base font-semibold text-neutral-900">{formatLimit(current.limits.mtu, "MTU")}</p>
          </div>
          <div>
            <p className="text-neutral-500">Destinations</p>
            <p className="mt-0.5 text-base font-semibold text-neutral-900">
              {current.limits.destinations === null ? "Unlimited" : `Up to ${current.limits.destinations}`}
            </p>
          </div>
        </CardBody>
      </Card>

      {!canWrite && <Alert tone="info">Only workspace Owners can change the plan.</Alert>}
      <ErrorMessage error={setBilling.error} />
      {setBilling.isSuccess && <Alert tone="success">Plan updated.</Alert>}

      <div className="grid gap-4 md:grid-cols-3">
        {PLANS.map((plan) => {
          const isCurrent = plan.tier === current.tier;
          return (
            <Card key={plan.tier} className={cn("flex flex-col", isCurrent && "ring-2 ring-neutral-900")}>
              <div className="flex-1 px-5 py-4">
                <div className="flex items-center justify-between">
                  <h2 className="text-base font-semibold text-neutral-900">{TIER_LABELS[plan.tier]}</h2>
                  {isCurrent && <Badge tone="green">Current plan</Badge>}
                </div>
                <p className="mt-1 text-sm text-neutral-500">{plan.summary}</p>
                <ul className="mt-4 space-y-2 text-sm text-neutral-700">
                  {plan.features.map((f) => (
                    <li key={f} className="flex items-start gap-2">
                      <CheckIcon className="mt-0.5 size-4 text-emerald-600" />
                      {f}
                    </li>
                  ))}
                </ul>
              </div>
              {canWrite && (
                <div className="border-t border-neutral-100 px-5 py-3">
                  {plan.tier === "BUSINESS" ? (
                    <Button
                      variant={isCurrent ? "secondary" : "primary"}
                      className="w-full"
                      onClick={() => setEditingBusiness(true)}
                      aria-label={isCurrent ? "Edit Business limits" : "Choose Business"}
                    >
                      {isCurrent ? "Edit limits" : "Choose Business"}
                    </Button>
                  ) : (
                    <Button
                      variant={isCurrent ? "secondary" : "primary"}
                      className="w-full"
                      disabled={isCurrent}
                      loading={setBilling.isPending && setBilling.variables?.tier === plan.tier}
                      onClick={() => setBilling.mutate({ tier: plan.tier }, { onSuccess: () => setEditingBusiness(false) })}
                    >
                      {isCurrent ? "Current plan" : `Choose ${TIER_LABELS[plan.tier]}`}
                    </Button>
                  )}
                </div>
              )}
            </Card>
          );
        })}
      </div>

      {canWrite && editingBusiness && (
        <BusinessLimitsForm current={current} pending={setBilling.isPending} onCancel={() => setEditingBusiness(false)}
          onSave={(limits) => setBilling.mutate({ tier: "BUSINESS", ...limits }, { onSuccess: () => setEditingBusiness(false) })}
        />
      )}
    </div>
  );
}

function BusinessLimitsForm({ current, pending, onSave, onCancel }: {
  current: Billing;
  pending: boolean;
  onSave: (limits: { customMtuLimit?: number; customDestinationLimit?: number }) => void;
  onCancel: () => void;
}) {
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const num = (k: string) => {
      const v = String(data.get(k) ?? "").replace(/[,\s_]/g, "");
      return v ? Number(v) : undefined;
    };
    onSave({ customMtuLimit: num("customMtuLimit"), customDestinationLimit: num("customDestinationLimit") });
  }
  return (
    <Card>
      <CardHeader title="Business limits" description="Leave a field empty for no limit." />
      <CardBody>
        <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
          <TextField
            label="MTU limit"
            name="customMtuLimit"
            type="number"
            min={1}
            step={1}
            defaultValue={current.customMtuLimit ?? ""}
            placeholder="Unlimited"
          />
          <TextField
            label="Destination limit"
            name="customDestinationLimit"
            type="number"
            min={1}
            step={1}
            defaultValue={current.customDestinationLimit ?? ""}
            placeholder="Unlimited"
          />
          <div className="flex gap-2">
            <Button variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Save Business plan
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
