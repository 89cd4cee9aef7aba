"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert, ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { ApiError } from "@/lib/client/api-fetch";
import { useDeleteSource, useRenameSource, type Source } from "@/lib/queries/sources";

export function SourceSettings({ workspaceId, source }: { workspaceId: string; source: Source }) {
  return (
    <Card>
      <CardHeader title="Settings" />
      <CardBody className="space-y-6">
        {/* Keyed by name so the field shows the saved name after a rename from anywhere. */}
        <RenameForm key={source.name} workspaceId={workspaceId} source={source} />
        <DeleteSource workspaceId={workspaceId} source={source} />
      </CardBody>
    </Card>
  );
}

function RenameForm({ workspaceId, source }: { workspaceId: string; source: Source }) {
  const rename = useRenameSource(workspaceId, source.id);
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    rename.mutate({ name: String(new FormData(e.currentTarget).get("name") ?? "") });
  }
  const nameError = rename.error instanceof ApiError ? rename.error.details?.find((d) => d.path === "name")?.message : undefined;
  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end">
        <TextField label="Source name" name="name" required maxLength={100} defaultValue={source.name} error={nameError} />
        <Button type="submit" variant="secondary" loading={rename.isPending}>
          Rename
        </Button>
      </div>
      {!nameError && <ErrorMessage error={rename.error} />}
    </form>
  );
}

function DeleteSource({ workspaceId, source }: { workspaceId: string; source: Source }) {
  const router = useRouter();
  const remove = useDeleteSource(workspaceId, source.id);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="border-t border-neutral-200 pt-5">
      <h3 className="text-sm font-medium text-neutral-900">Delete this source</h3>
      <p className="mt-0.5 text-sm text-neutral-500">
        Its write keys stop working within seconds. Events already collected stay until retention removes them.
      </p>
      {confirming ? (
        <Alert tone="error" title={<>Delete “{source.name}” and all its write keys?</>} className="mt-3">
          <div className="mt-2 flex gap-2">
            <Button
              variant="danger"
              size="sm"
              loading={remove.isPending}
              onClick={() => remove.mutate(undefined, { onSuccess: () => router.replace(`/w/${workspaceId}/sources`) })}
            >
              Yes, delete source
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </Alert>
      ) : (
        <Button variant="danger" className="mt-3" onClick={() => setConfirming(true)}>
          Delete source
        </Button>
      )}
      <ErrorMessage error={remove.error} className="mt-3" />
    </div>
  );
}
