"use client";

import { ErrorMessage } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { ListIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/spinner";
import { formatDateTime, formatRelative } from "@/components/workspace/format";
import { RequirePermission } from "@/components/workspace/require-permission";
import { useAuditLog, type AuditEntry } from "@/lib/queries/audit";

const ACTION_LABELS: Record<string, string> = {
  "workspace.create": "Created the workspace",
  "workspace.rename": "Renamed the workspace",
  "member.invite": "Invited a member",
  "member.invite_revoke": "Revoked an invitation",
  "member.join": "Joined the workspace",
  "member.add": "Added a member",
  "member.change_role": "Changed a member's role",
  "member.remove": "Removed a member",
  "token.create": "Created an API token",
  "token.revoke": "Revoked an API token",
  "billing.set_tier": "Changed the plan",
};

const ACTOR_TYPES: Record<AuditEntry["actorType"], { label: string; tone: "neutral" | "blue" | "violet" | "amber" }> = {
  USER: { label: "User", tone: "blue" },
  API_TOKEN: { label: "API token", tone: "violet" },
  CLI: { label: "CLI", tone: "amber" },
  SYSTEM: { label: "System", tone: "neutral" },
};

export function AuditLogPage({ workspaceId }: { workspaceId: string }) {
  return (
    <RequirePermission workspaceId={workspaceId} action="audit.read">
      {() => (
        <>
          <PageHeader title="Audit log" description="Every change to this workspace: who made it, when, and what changed." />
          <AuditList workspaceId={workspaceId} />
        </>
      )}
    </RequirePermission>
  );
}

function AuditList({ workspaceId }: { workspaceId: string }) {
  const log = useAuditLog(workspaceId);
  if (log.isPending) return <Card><SkeletonRows rows={5} /></Card>;
  if (!log.data) return <ErrorMessage error={log.error} />;
  const entries = log.data.pages.flatMap((p) => p.entries);
  if (entries.length === 0) {
    return (
      <Card>
        <EmptyState icon={<ListIcon className="size-5" />} title="No activity yet" description="Changes to members, tokens, billing and settings will appear here." />
      </Card>
    );
  }
  return (
    <>
      <Card>
        <ul aria-label="Audit log entries" className="divide-y divide-neutral-100">
          {entries.map((e) => (
            <AuditRow key={e.id} entry={e} />
          ))}
        </ul>
      </Card>
      <div className="mt-4 flex flex-col items-center gap-2">
        {log.isFetchNextPageError && <ErrorMessage error={log.error} />}
        {log.hasNextPage ? (
          <Button variant="secondary" loading={log.isFetchingNextPage} onClick={() => log.fetchNextPage()}>
            Load more
          </Button>
        ) : (
          <p className="text-xs text-neutral-400">That's everything.</p>
        )}
      </div>
    </>
  );
}

type JsonRecord = Record<string, unknown>;
const asRecord = (v: unknown): JsonRecord | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as JsonRecord) : null);

// A readable name for what was changed: the email or name recorded with the change, else the id.
function targetName(e: AuditEntry): string | null {
  for (const side of [asRecord(e.after), asRecord(e.before)]) {
    if (!side) continue;
    for (const key of ["email", "name"]) if (typeof side[key] === "string") return side[key] as string;
  }
  return null;
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const actor = ACTOR_TYPES[entry.actorType];
  const name = targetName(entry);
  const hasDiff = entry.before != null || entry.after != null;
  return (
    <li className="px-5 py-3.5">
      <div className="flex flex-wrap items-start gap-x-4 gap-y-1">
        <div className="min-w-0 flex-1">
          <p className="text-sm text-neutral-900">
            <span className="font-medium">{entry.actorLabel}</span>{" "}
            <Badge tone={actor.tone} className="align-middle">{actor.label}</Badge>{" "}
            <span className="text-neutral-600">{ACTION_LABELS[entry.action] ?? entry.action}</span>
            {name && <span className="font-medium"> {name}</span>}
          </p>
          <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-neutral-500">
            <code className="font-mono">{entry.action}</code>
            <span aria-hidden="true">·</span>
            <span>
              {entry.targetType}
              {entry.targetId && <code className="ml-1 font-mono">{entry.targetId}</code>}
            </span>
          </p>
        </div>
        <time dateTime={entry.createdAt} title={formatDateTime(entry.createdAt)} className="shrink-0 text-xs text-neutral-500">
          {formatRelative(entry.createdAt)}
        </time>
      </div>
      {hasDiff && (
        <details className="group mt-2">
          <summary className="inline-flex cursor-pointer list-none items-center gap-1 text-xs font-medium text-neutral-600 select-none hover:text-neutral-900">
            <span className="transition-transform group-open:rotate-90" aria-hidden="true">▸</span>
            Changes
          </summary>
          <Diff before={entry.before} after={entry.after} />
        </details>
      )}
    </li>
  );
}

function show(v: unknown): string {
  if (v === undefined) return "—";
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}

function Diff({ before, after }: { before: unknown; after: unknown }) {
  const b = asRecord(before);
  const a = asRecord(after);
  if ((before != null && !b) || (after != null && !a)) {
    return (
      <pre className="mt-2 overflow-x-auto rounded-md bg-neutral-50 p-3 font-mono text-xs text-neutral-700">
        {JSON.stringify({ before, after }, null, 2)}
      </pre>
    );
  }
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return (
    <table className="mt-2 w-full overflow-hidden rounded-md border border-neutral-200 text-xs">
      <thead className="bg-neutral-50 text-neutral-500">
        <tr>
          <th className="px-3 py-1.5 text-left font-medium">Field</th>
          <th className="px-3 py-1.5 text-left font-medium">Before</th>
          <th className="px-3 py-1.5 text-left font-medium">After</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-neutral-100 font-mono">
        {keys.map((k) => {
          const bv = b ? show(b[k]) : "—";
          const av = a ? show(a[k]) : "—";
          const changed = bv !== av;
          return (
            <tr key={k}>
              <td className="px-3 py-1.5 text-neutral-600">{k}</td>
              <td className={cn("px-3 py-1.5 break-all", changed && b ? "bg-red-50 text-red-800" : "text-neutral-500")}>{bv}</td>
              <td className={cn("px-3 py-1.5 break-all", changed && a ? "bg-emerald-50 text-emerald-800" : "text-neutral-500")}>{av}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
