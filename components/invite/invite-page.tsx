"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signOut, useSession } from "next-auth/react";
import { AuthLayout } from "@/components/auth/auth-layout";
import { Alert, ErrorMessage } from "@/components/ui/alert";
import { RoleBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SkeletonRows } from "@/components/ui/spinner";
import { ApiError } from "@/lib/client/api-fetch";
import { useAcceptInvitation, useInvitation, type InvitationPreview } from "@/lib/queries/invitations";

const linkButton =
  "inline-flex h-9 w-full items-center justify-center rounded-md px-3.5 text-sm font-medium shadow-xs transition-colors";

export function InvitePage({ token }: { token: string }) {
  const invitation = useInvitation(token);
  const session = useSession();

  if (invitation.isPending || session.status === "loading") {
    return (
      <AuthLayout title="Invitation">
        <SkeletonRows rows={3} />
      </AuthLayout>
    );
  }
  if (invitation.error) {
    return (
      <AuthLayout title="Invitation not available">
        <Alert tone="error">
          {invitation.error instanceof ApiError && invitation.error.status === 404
            ? "This invitation is invalid, has expired, or has already been used. Ask a workspace Owner for a new one."
            : invitation.error.message}
        </Alert>
        <Link href="/" className={`${linkButton} mt-5 bg-white text-neutral-800 ring-1 ring-neutral-300 ring-inset hover:bg-neutral-50`}>
          Go to Switchyard
        </Link>
      </AuthLayout>
    );
  }

  const invite = invitation.data;
  const email = session.data?.user?.email?.toLowerCase();
  return (
    <AuthLayout title={`Join ${invite.workspace.name}`} subtitle={`${invite.invitedBy} invited you to this workspace.`}>
      <InvitationSummary invite={invite} />
      <div className="mt-6">
        {!email ? (
          <SignedOut token={token} invite={invite} />
        ) : email === invite.email.toLowerCase() ? (
          <AcceptInvitation token={token} />
        ) : (
          <WrongAccount token={token} invite={invite} signedInAs={email} />
        )}
      </div>
    </AuthLayout>
  );
}

function InvitationSummary({ invite }: { invite: InvitationPreview }) {
  return (
    <dl className="divide-y divide-neutral-100 rounded-lg border border-neutral-200 text-sm">
      <div className="flex items-center justify-between gap-4 px-3.5 py-2.5">
        <dt className="text-neutral-500">Workspace</dt>
        <dd className="truncate font-medium text-neutral-900">{invite.workspace.name}</dd>
      </div>
      <div className="flex items-center justify-between gap-4 px-3.5 py-2.5">
        <dt className="text-neutral-500">Role</dt>
        <dd>
          <RoleBadge role={invite.role} />
        </dd>
      </div>
      <div className="flex items-center justify-between gap-4 px-3.5 py-2.5">
        <dt className="text-neutral-500">For</dt>
        <dd className="truncate text-neutral-900">{invite.email}</dd>
      </div>
    </dl>
  );
}

function AcceptInvitation({ token }: { token: string }) {
  const router = useRouter();
  const accept = useAcceptInvitation();
  return (
    <div className="space-y-3">
      <ErrorMessage error={accept.error} />
      <Button
        className="w-full"
        loading={accept.isPending || accept.isSuccess}
        onClick={() =>
          accept.mutate(token, {
            onSuccess: ({ workspaceId }) => {
              router.push(`/w/${workspaceId}`);
              router.refresh();
            },
          })
        }
      >
        Accept invitation
      </Button>
    </div>
  );
}

function SignedOut({ token, invite }: { token: string; invite: InvitationPreview }) {
  const returnTo = encodeURIComponent(`/invite/${token}`);
  return (
    <div className="space-y-3">
      <p className="text-sm text-neutral-600">
        Create an account for <span className="font-medium text-neutral-900">{invite.email}</span>, or sign in if you already have one.
      </p>
      <Link href={`/signup?invite=${encodeURIComponent(token)}`} className={`${linkButton} bg-neutral-900 text-white hover:bg-neutral-800`}>
        Sign up to accept
      </Link>
      <Link
        href={`/signin?callbackUrl=${returnTo}&invite=${encodeURIComponent(token)}`}
        className={`${linkButton} bg-white text-neutral-800 ring-1 ring-neutral-300 ring-inset hover:bg-neutral-50`}
      >
        Sign in to accept
      </Link>
    </div>
  );
}

function WrongAccount({ token, invite, signedInAs }: { token: string; invite: InvitationPreview; signedInAs: string }) {
  return (
    <div className="space-y-3">
      <Alert tone="warning" title="This invitation is for a different account">
        You are signed in as {signedInAs}, but the invitation is for {invite.email}. Sign out, then sign in or sign up with{" "}
        {invite.email} to accept it.
      </Alert>
      <Button
        variant="secondary"
        className="w-full"
        onClick={() => signOut({ callbackUrl: `/signin?callbackUrl=${encodeURIComponent(`/invite/${token}`)}&invite=${encodeURIComponent(token)}` })}
      >
        Sign out and switch account
      </Button>
    </div>
  );
}
