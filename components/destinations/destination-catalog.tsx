"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, ErrorMessage } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TextField } from "@/components/ui/field";
import { ChevronRightIcon, DestinationIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/spinner";
import { cn } from "@/components/ui/cn";
import { RequirePermission } from "@/components/workspace/require-permission";
import { TIER_LABELS } from "@/components/workspace/tier-labels";
import { ApiError } from "@/lib/client/api-fetch";
import { can } from "@/lib/permissions/permissions";
import type { WorkspaceDetail } from "@/lib/queries/workspaces";
import { useCreateDestination, useDestinations, useDestinationTypes, type DestinationType } from "@/lib/queries/destinations";
import { CATEGORY_LABELS, Toggle, TypeGlyph } from "./destination-ui";
import { SettingsForm, settingsErrorHandled } from "./settings-form";

// The catalog: every destination type, searchable and by category; choosing one opens its settings form.
export function DestinationCatalog({ workspaceId, selectedType }: { workspaceId: string; selectedType?: string }) {
  return (
    <RequirePermission workspaceId={workspaceId} action="destinations.write">
      {({ workspace, grant }) => (
        <>
          <nav aria-label="Breadcrumb" className="mb-2 flex items-center gap-1 text-sm text-neutral-500">
            <Link href={`/w/${workspaceId}/destinations`} className="hover:text-neutral-900">
              Destinations
            </Link>
            <ChevronRightIcon className="size-3.5" />
          </nav>
          <PageHeader title="Add a destination" description="Pick where events should go, then fill in its settings." />
          {can(grant, "destinations.write") && <Catalog workspaceId={workspaceId} workspace={workspace} selectedType={selectedType} />}
        </>
      )}
    </RequirePermission>
  );
}

function Catalog({ workspaceId, workspace, selectedType }: { workspaceId: string; workspace: WorkspaceDetail; selectedType?: string }) {
  const types = useDestinationTypes(workspaceId);
  const [query, setQuery] = useState("");
  const [category, setCategory] = useState<string>("all");
  if (types.isPending) return <Card><SkeletonRows /></Card>;
  if (types.error) return <ErrorMessage error={types.error} />;

  const selected = types.data.find((t) => t.type === selectedType);
  if (selected) return <AddDestination workspaceId={workspaceId} workspace={workspace} type={selected} />;

  const categories = [...new Set(types.data.map((t) => t.category))];
  const q = query.trim().toLowerCase();
  const shown = types.data.filter(
    (t) => (category === "all" || t.category === category) && (!q || `${t.label} ${t.description} ${t.type}`.toLowerCase().includes(q)),
  );
  return (
    <div className="grid gap-6 md:grid-cols-[12rem_1fr]">
      <div className="space-y-4">
        <TextField label="Search the catalog" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Webhook, Postgres…" />
        <div role="radiogroup" aria-label="Category" className="space-y-1">
          {[["all", "All"], ...categories.map((c) => [c, CATEGORY_LABELS[c] ?? c])].map(([value, label]) => {
            const count = value === "all" ? types.data.length : types.data.filter((t) => t.category === value).length;
            return (
              <button
                key={value}
                type="button"
                role="radio"
                aria-checked={category === value}
                onClick={() => setCategory(value)}
                className={cn(
                  "flex w-full items-center justify-between rounded-md px-2.5 py-1.5 text-left text-sm",
                  category === value ? "bg-neutral-900 text-white" : "text-neutral-700 hover:bg-neutral-100",
                )}
              >
                {label}
                <span className={cn("text-xs tabular-nums", category === value ? "text-neutral-300" : "text-neutral-400")}>{count}</span>
              </button>
            );
          })}
        </div>
      </div>
      {shown.length === 0 ? (
        <Card>
          <EmptyState icon={<DestinationIcon className="size-5" />} title="Nothing matches" description="Try another search or category." />
        </Card>
      ) : (
        <ul className="grid content-start gap-4 sm:grid-cols-2" aria-label="Destination types">
          {shown.map((t) => (
            <li key={t.type}>
              <Link
                href={`/w/${workspaceId}/destinations/new?type=${encodeURIComponent(t.type)}`}
                aria-label={`Add ${t.label}`}
                className="flex h-full gap-3 rounded-lg border border-neutral-200 bg-white p-4 shadow-xs transition hover:border-neutral-400 hover:shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-neutral-900"
              >
                <TypeGlyph type={t.type} />
                <div className="min-w-0">
                  <p className="flex items-center gap-2 text-sm font-semibold text-neutral-900">
                    {t.label}
                    <Badge tone={t.category === "warehouse" ? "blue" : "green"}>{t.category === "warehouse" ? "Warehouse" : "Destination"}</Badge>
                  </p>
                  <p className="mt-1 text-sm text-neutral-500">{t.description}</p>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function AddDestination({ workspaceId, workspace, type }: { workspaceId: string; workspace: WorkspaceDetail; type: DestinationType }) {
  const router = useRouter();
  const create = useCreateDestination(workspaceId);
  const destinations = useDestinations(workspaceId);
  const [enabled, setEnabled] = useState(true);
  const limit = workspace.limits.destinations;
  const used = destinations.data?.length;
  const limitError = create.error instanceof ApiError && create.error.code === "limit_exceeded" ? create.error : null;
  const nameError = create.error instanceof ApiError ? create.error.details?.find((d) => d.path === "name")?.message : undefined;

  return (
    <Card className="max-w-2xl">
      <CardHeader
        title={
          <span className="flex items-center gap-3">
            <TypeGlyph type={type.type} className="size-8" />
            {type.label}
          </span>
        }
        description={type.description}
        actions={
          <Link href={`/w/${workspaceId}/destinations/new`} className="text-sm font-medium text-neutral-600 underline-offset-4 hover:underline">
            Change type
          </Link>
        }
      />
      <CardBody>
        {limit !== null && used !== undefined && (
          <p className="mb-4 text-xs text-neutral-500">
            {used} of {limit} destinations used on the {TIER_LABELS[workspace.tier] ?? workspace.tier} tier.
          </p>
        )}
        <SettingsForm
          type={type}
          error={create.error}
          pending={create.isPending}
          submitLabel="Create destination"
          onSubmit={(settings, form) =>
            create.mutate(
              { type: type.type, name: String(form.get("name") ?? ""), enabled, settings },
              { onSuccess: (d) => router.push(`/w/${workspaceId}/destinations/${d.id}`) },
            )
          }
          before={
            <>
              <TextField label="Destination name" name="name" required maxLength={100} defaultValue={type.label} error={nameError} autoFocus />
              <div className="flex items-center gap-3">
                <Toggle checked={enabled} onChange={setEnabled} label="Enabled" />
                <span className="text-sm text-neutral-700">{enabled ? "Enabled: events are delivered once a source is connected" : "Disabled: nothing is delivered"}</span>
              </div>
            </>
          }
          footer={
            limitError ? (
              <Alert tone="error" title="Destination limit reached">
                <p>{limitError.message}</p>
                <Link href={`/w/${workspaceId}/billing`} className="mt-1 inline-block font-medium underline underline-offset-4">
                  Go to Billing
                </Link>
              </Alert>
            ) : !nameError && !settingsErrorHandled(create.error, type) ? (
              <ErrorMessage error={create.error} />
            ) : null
          }
        />
      </CardBody>
    </Card>
  );
}
