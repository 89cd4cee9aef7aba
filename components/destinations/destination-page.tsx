"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { SkeletonRows } from "@/components/ui/spinner";
import { ApiError } from "@/lib/client/api-fetch";
import { useDeleteDestination, useUpdateDestination, type DestinationDetail, type DestinationType } from "@/lib/queries/destinations";
import { ConnectionsCard } from "./connections-card";
import { DestinationFrame } from "./destination-frame";
import { MappingsCard } from "./mappings-card";
import { PreviewCard } from "./preview-card";
import { SettingsForm, settingsErrorHandled } from "./settings-form";

export function DestinationPage({ workspaceId, destinationId }: { workspaceId: string; destinationId: string }) {
  return (
    <DestinationFrame workspaceId={workspaceId} destinationId={destinationId} tab="overview">
      {({ destination, type, grant, canWrite }) => (
        <div className="space-y-6">
          <ConnectionsCard workspaceId={workspaceId} destination={destination} grant={grant} />
          {destination.category === "warehouse" ? (
            <Alert tone="info" title="Warehouses load whole events">
              A warehouse gets every event of its sources in Segment&apos;s table layout (after filters); it has no mappings.
            </Alert>
          ) : (
            <MappingsCard workspaceId={workspaceId} destination={destination} type={type} canWrite={canWrite} />
          )}
          <PreviewCard workspaceId={workspaceId} destination={destination} grant={grant} />
          {canWrite && (
            <>
              {type ? (
                <SettingsCard key={destination.updatedAt} workspaceId={workspaceId} destination={destination} type={type} />
              ) : (
                <Card>
                  <SkeletonRows />
                </Card>
              )}
              <DangerZone workspaceId={workspaceId} destination={destination} />
            </>
          )}
        </div>
      )}
    </DestinationFrame>
  );
}

// Keyed by updatedAt: after a save the draft starts again from the stored (masked) settings.
function SettingsCard({ workspaceId, destination, type }: { workspaceId: string; destination: DestinationDetail; type: DestinationType }) {
  const update = useUpdateDestination(workspaceId, destination.id);
  const nameError = update.error instanceof ApiError ? update.error.details?.find((d) => d.path === "name")?.message : undefined;
  return (
    <Card>
      <CardHeader title="Settings" description="Secret settings are stored encrypted and never shown again; replace them to change them." />
      <CardBody className="max-w-2xl">
        <SettingsForm
          type={type}
          settings={destination.settings}
          error={update.error}
          pending={update.isPending}
          submitLabel="Save settings"
          onSubmit={(settings, form) => update.mutate({ name: String(form.get("name") ?? ""), settings })}
          before={<TextField label="Destination name" name="name" required maxLength={100} defaultValue={destination.name} error={nameError} />}
          footer={!nameError && !settingsErrorHandled(update.error, type) ? <ErrorMessage error={update.error} /> : null}
        />
      </CardBody>
    </Card>
  );
}

function DangerZone({ workspaceId, destination }: { workspaceId: string; destination: DestinationDetail }) {
  const router = useRouter();
  const remove = useDeleteDestination(workspaceId, destination.id);
  const [confirm, setConfirm] = useState("");
  return (
    <Card className="border-red-200">
      <CardHeader title="Delete destination" description="Its connections, filters, mappings, retries and dead letters are deleted. Events already delivered stay delivered." />
      <CardBody>
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            remove.mutate(undefined, { onSuccess: () => router.push(`/w/${workspaceId}/destinations`) });
          }}
        >
          <div className="w-72">
            <TextField label={`Type “${destination.name}” to confirm`} value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="off" />
          </div>
          <Button type="submit" variant="danger" disabled={confirm !== destination.name} loading={remove.isPending}>
            Delete destination
          </Button>
        </form>
        <ErrorMessage error={remove.error} className="mt-3" />
      </CardBody>
    </Card>
  );
}
