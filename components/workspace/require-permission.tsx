"use client";

import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LockIcon } from "@/components/ui/icons";
import { Loading } from "@/components/ui/spinner";
import { ErrorMessage } from "@/components/ui/alert";
import { can, type Action, type Grant } from "@/lib/permissions/permissions";
import { useWorkspace, type WorkspaceDetail } from "@/lib/queries/workspaces";

// Renders the page only when the member's role allows `action`; the API enforces the same rule on every call.
export function RequirePermission({
  workspaceId,
  action,
  children,
}: {
  workspaceId: string;
  action: Action;
  children: (ctx: { grant: Grant; workspace: WorkspaceDetail }) => ReactNode;
}) {
  const { data, isPending, error } = useWorkspace(workspaceId);
  if (isPending) return <Loading />;
  if (error) return <ErrorMessage error={error} />;
  if (!can(data.membership, action)) {
    return (
      <Card>
        <EmptyState
          icon={<LockIcon className="size-5" />}
          title="You don't have access to this page"
          description="Your role in this workspace does not include it. Ask a workspace Owner if you need access."
        />
      </Card>
    );
  }
  return <>{children({ grant: data.membership, workspace: data.workspace })}</>;
}
