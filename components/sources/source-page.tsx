"use client";

import Link from "next/link";
import { ErrorMessage } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ChevronRightIcon, SourceIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Loading } from "@/components/ui/spinner";
import { RequirePermission } from "@/components/workspace/require-permission";
import { ApiError } from "@/lib/client/api-fetch";
import { canOnSource, type Grant } from "@/lib/permissions/permissions";
import { useSource, useWriteKeys, type Source } from "@/lib/queries/sources";
import { InstallSnippets } from "./install-snippets";
import { SourceSettings } from "./source-settings";
import { SOURCE_TYPE_LABELS } from "./source-types";
import { VolumeChart } from "./volume-chart";
import { WriteKeysCard } from "./write-keys-card";

// `collectorUrl` is the collector's public URL (COLLECTOR_PUBLIC_URL), handed down by the server page.
export function SourcePage({ workspaceId, sourceId, collectorUrl }: { workspaceId: string; sourceId: string; collectorUrl: string }) {
  return (
    <RequirePermission workspaceId={workspaceId} action="sources.read">
      {({ grant }) => <SourceView workspaceId={workspaceId} sourceId={sourceId} collectorUrl={collectorUrl} grant={grant} />}
    </RequirePermission>
  );
}

function SourceView({ workspaceId, sourceId, collectorUrl, grant }: { workspaceId: string; sourceId: string; collectorUrl: string; grant: Grant }) {
  const source = useSource(workspaceId, sourceId);
  const listHref = `/w/${workspaceId}/sources`;
  if (source.isPending) return <Loading />;
  if (source.error) {
    if (source.error instanceof ApiError && source.error.status === 404) {
      return (
        <Card>
          <EmptyState
            icon={<SourceIcon className="size-5" />}
            title="Source not found"
            description="It may have been deleted, or it is outside the sources you have access to."
            action={<Link href={listHref} className="text-sm font-medium underline underline-offset-4">Back to sources</Link>}
          />
        </Card>
      );
    }
    return <ErrorMessage error={source.error} />;
  }
  const s = source.data;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 flex items-center gap-1 text-sm text-neutral-500">
        <Link href={listHref} className="hover:text-neutral-900">Sources</Link>
        <ChevronRightIcon className="size-3.5" />
      </nav>
      <PageHeader
        title={s.name}
        description={
          <span className="flex items-center gap-2">
            <Badge>{SOURCE_TYPE_LABELS[s.type]}</Badge>
            <span className="font-mono text-xs">{s.id}</span>
          </span>
        }
        actions={
          canOnSource(grant, "debugger.read", s.id) && (
            <Link
              href={`/w/${workspaceId}/sources/${s.id}/debugger`}
              className="rounded-md border border-neutral-200 bg-white px-3 py-1.5 text-sm font-medium text-neutral-700 hover:bg-neutral-50"
            >
              Open debugger
            </Link>
          )
        }
      />
      <div className="space-y-6">
        <VolumeChart workspaceId={workspaceId} sourceId={s.id} />
        <Install workspaceId={workspaceId} source={s} collectorUrl={collectorUrl} grant={grant} />
        {canOnSource(grant, "writekeys.read", s.id) && (
          <WriteKeysCard workspaceId={workspaceId} sourceId={s.id} sourceType={s.type} canWrite={canOnSource(grant, "writekeys.write", s.id)} />
        )}
        {canOnSource(grant, "sources.write", s.id) && <SourceSettings workspaceId={workspaceId} source={s} />}
      </div>
    </>
  );
}

// The snippets carry the source's newest working key when the member may see it in full (browser sources, with
// secrets.read); otherwise a placeholder.
function Install({ workspaceId, source, collectorUrl, grant }: { workspaceId: string; source: Source; collectorUrl: string; grant: Grant }) {
  const mayReadKeys = canOnSource(grant, "writekeys.read", source.id);
  const keys = useWriteKeys(workspaceId, source.id, { enabled: mayReadKeys });
  const live = mayReadKeys ? (keys.data ?? []).filter((k) => k.status === "active" || k.status === "expiring") : [];
  const full = live.find((k) => k.status === "active" && k.key) ?? live.find((k) => k.key);
  let note: string | undefined;
  if (!full) {
    note =
      source.type === "JAVASCRIPT"
        ? "Replace YOUR_WRITE_KEY with this source's write key."
        : "Replace YOUR_WRITE_KEY with the key you saved when it was created: server keys are shown only once. Lost it? Rotate the keys.";
  }
  return <InstallSnippets type={source.type} writeKey={full?.key ?? null} collectorUrl={collectorUrl} keyNote={note} />;
}
