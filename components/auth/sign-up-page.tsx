"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Alert, ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { SkeletonRows } from "@/components/ui/spinner";
import { apiFetch, ApiError } from "@/lib/client/api-fetch";
import { signInWithPassword } from "@/lib/client/auth-actions";
import { useAcceptInvitation, useInvitation } from "@/lib/queries/invitations";
import { ROLE_LABELS } from "@/lib/permissions/permissions";
import { AuthLayout } from "./auth-layout";

type SignUpInput = { email: string; password: string; name?: string };

export type SignUpPageProps = { inviteToken?: string };

export function SignUpPage({ inviteToken }: SignUpPageProps) {
  const router = useRouter();
  const invitation = useInvitation(inviteToken);
  const accept = useAcceptInvitation();

  const signUp = useMutation({
    mutationFn: async (input: SignUpInput) => {
      await apiFetch("/api/signup", { method: "POST", body: input });
      await signInWithPassword(input.email, input.password);
      if (inviteToken && invitation.data) return (await accept.mutateAsync(inviteToken)).workspaceId;
      return null;
    },
    onSuccess: (workspaceId) => {
      router.replace(workspaceId ? `/w/${workspaceId}` : "/");
      router.refresh();
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const name = String(form.get("name") ?? "").trim();
    signUp.mutate({
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      ...(name ? { name } : {}),
    });
  }

  const fieldError = (path: string) =>
    signUp.error instanceof ApiError ? signUp.error.details?.find((d) => d.path === path)?.message : undefined;
  const invite = invitation.data;
  const signInHref = inviteToken ? `/signin?callbackUrl=${encodeURIComponent(`/invite/${inviteToken}`)}&invite=${encodeURIComponent(inviteToken)}` : "/signin";

  return (
    <AuthLayout
      title={invite ? `Join ${invite.workspace.name}` : "Create your account"}
      subtitle={
        invite ? (
          <>
            {invite.invitedBy} invited you as <span className="font-medium text-neutral-700">{ROLE_LABELS[invite.role]}</span>.
          </>
        ) : (
          "Set up Switchyard for your team."
        )
      }
      footer={
        <>
          Already have an account?{" "}
          <Link href={signInHref} className="font-medium text-neutral-900 underline-offset-4 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      {inviteToken && invitation.isPending ? (
        <SkeletonRows rows={3} />
      ) : (
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          {inviteToken && invitation.error && (
            <Alert tone="warning" title="This invitation cannot be used">
              {invitation.error.message}. You can still create an account.
            </Alert>
          )}
          <TextField label="Name" name="name" autoComplete="name" placeholder="Ada Lovelace" error={fieldError("name")} />
          {invite ? (
            <TextField
              label="Email"
              name="email"
              type="email"
              value={invite.email}
              readOnly
              hint="The invitation is for this address."
            />
          ) : (
            <TextField label="Email" name="email" type="email" autoComplete="email" required error={fieldError("email")} />
          )}
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            hint="At least 10 characters."
            error={fieldError("password")}
          />
          <ErrorMessage error={signUp.error} />
          <Button type="submit" className="w-full" loading={signUp.isPending || signUp.isSuccess}>
            {invite ? "Create account and join" : "Create account"}
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
