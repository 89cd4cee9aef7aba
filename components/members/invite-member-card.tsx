"use client";

import { useState, type FormEvent } from "react";
import { Alert, ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { OnceSecret } from "@/components/ui/copy-button";
import { SelectField, TextField } from "@/components/ui/field";
import type { Role } from "@/lib/generated/prisma/enums";
import { ApiError } from "@/lib/client/api-fetch";
import { useInviteMember } from "@/lib/queries/members";
import { useSources } from "@/lib/queries/sources";
import { ROLE_DESCRIPTIONS, RoleOptions, isSourceRole } from "./role-options";

export function InviteMemberCard({ workspaceId }: { workspaceId: string }) {
  const invite = useInviteMember(workspaceId);
  // The sources a source-scoped member may be limited to (an Owner sees them all).
  const sources = useSources(workspaceId);
  // Form state (what the user is choosing), not server data.
  const [role, setRole] = useState<Role>("READONLY");
  const [scope, setScope] = useState<"all" | "selected">("all");
  const [sourceIds, setSourceIds] = useState<string[]>([]);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const email = String(new FormData(form).get("email") ?? "");
    const limited = isSourceRole(role) && scope === "selected";
    invite.mutate(
      { email, role, allSources: !limited, sourceIds: limited ? sourceIds : [] },
      { onSuccess: () => form.reset() },
    );
  }

  const emailError =
    invite.error instanceof ApiError ? invite.error.details?.find((d) => d.path === "email")?.message : undefined;
  const created = invite.data;

  return (
    <Card>
      <CardHeader title="Invite a member" description="They get a link to join this workspace. Links expire after 7 days." />
      <CardBody>
        <form onSubmit={onSubmit} className="space-y-4">
          <div className="grid gap-4 sm:grid-cols-[1fr_14rem]">
            <TextField label="Email address" name="email" type="email" required placeholder="teammate@company.com" error={emailError} />
            <SelectField label="Role" name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              <RoleOptions />
            </SelectField>
          </div>
          <p className="-mt-2 text-xs text-neutral-500">{ROLE_DESCRIPTIONS[role]}</p>

          {isSourceRole(role) && (
            <fieldset className="rounded-md border border-neutral-200 p-3.5">
              <legend className="px-1 text-sm font-medium text-neutral-800">Source access</legend>
              <div className="space-y-2 text-sm">
                <label className="flex items-center gap-2">
                  <input type="radio" name="scope" checked={scope === "all"} onChange={() => setScope("all")} className="accent-neutral-900" />
                  All sources, including ones created later
                </label>
                <label className="flex items-center gap-2">
                  <input type="radio" name="scope" checked={scope === "selected"} onChange={() => setScope("selected")} className="accent-neutral-900" />
                  Only selected sources
                </label>
                {scope === "selected" &&
                  (sources.isPending ? (
                    <p className="ml-6 text-xs text-neutral-500">Loading sources…</p>
                  ) : sources.error ? (
                    <ErrorMessage error={sources.error} className="ml-6" />
                  ) : sources.data.length === 0 ? (
                    <p className="ml-6 text-xs text-neutral-500">
                      This workspace has no sources yet. The member will see no sources until some are added to their scope.
                    </p>
                  ) : (
                    <div className="ml-6 grid gap-1.5 sm:grid-cols-2">
                      {sources.data.map((s) => (
                        <label key={s.id} className="flex items-center gap-2">
                          <input
                            type="checkbox"
                            checked={sourceIds.includes(s.id)}
                            onChange={(e) => setSourceIds((ids) => (e.target.checked ? [...ids, s.id] : ids.filter((i) => i !== s.id)))}
                            className="accent-neutral-900"
                          />
                          {s.name}
                        </label>
                      ))}
                    </div>
                  ))}
              </div>
            </fieldset>
          )}

          {!emailError && <ErrorMessage error={invite.error} />}
          <div className="flex justify-end">
            <Button type="submit" loading={invite.isPending}>
              Send invitation
            </Button>
          </div>
        </form>

        {created && (
          <div className="mt-4 space-y-2">
            <OnceSecret
              label={`Invitation link for ${created.email}`}
              value={created.link}
              note="Copy it now and send it to them: for security it is shown only once."
            />
            {created.emailed && <Alert tone="success">We also emailed the link to {created.email}.</Alert>}
          </div>
        )}
      </CardBody>
    </Card>
  );
}
