"use client";

import type { FormEvent } from "react";
import { Alert, ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { formatDate } from "@/components/workspace/format";
import { RequirePermission } from "@/components/workspace/require-permission";
import { useRenameWorkspace } from "@/lib/queries/workspaces";

export function SettingsPage({ workspaceId }: { workspaceId: string }) {
  const rename = useRenameWorkspace(workspaceId);
  return (
    <RequirePermission workspaceId={workspaceId} action="workspace.update">
      {({ workspace }) => {
        function onSubmit(e: FormEvent<HTMLFormElement>) {
          e.preventDefault();
          rename.mutate({ name: String(new FormData(e.currentTarget).get("name") ?? "") });
        }
        return (
          <>
            <PageHeader title="Settings" description="General settings for this workspace." />
            <form onSubmit={onSubmit}>
              <Card>
                <CardHeader title="Workspace name" description="Shown to everyone in the workspace." />
                <CardBody className="space-y-4">
                  {/* Uncontrolled, keyed on the saved name: the field resets when the server's value changes. */}
                  <div className="max-w-md">
                    <TextField key={workspace.name} label="Workspace name" name="name" defaultValue={workspace.name} required maxLength={100} />
                  </div>
                  <ErrorMessage error={rename.error} />
                  {rename.isSuccess && <Alert tone="success">Workspace renamed.</Alert>}
                </CardBody>
                <CardFooter>
                  <Button type="submit" loading={rename.isPending}>
                    Save
                  </Button>
                </CardFooter>
              </Card>
            </form>
            <Card className="mt-6">
              <CardHeader title="Details" />
              <CardBody>
                <dl className="grid gap-4 text-sm sm:grid-cols-2">
                  <div>
                    <dt className="text-neutral-500">Workspace ID</dt>
                    <dd className="mt-0.5 font-mono text-neutral-900">{workspace.id}</dd>
                  </div>
                  <div>
                    <dt className="text-neutral-500">Created</dt>
                    <dd className="mt-0.5 text-neutral-900">{formatDate(workspace.createdAt)}</dd>
                  </div>
                </dl>
              </CardBody>
            </Card>
          </>
        );
      }}
    </RequirePermission>
  );
}
