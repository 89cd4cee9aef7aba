"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import type { FormEvent } from "react";
import { AuthLayout } from "@/components/auth/auth-layout";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useCreateWorkspace, useMyWorkspaces } from "@/lib/queries/workspaces";

export function OnboardingPage({ userEmail }: { userEmail: string }) {
  const router = useRouter();
  const workspaces = useMyWorkspaces();
  const create = useCreateWorkspace();
  const first = workspaces.data?.[0];

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get("name") ?? "");
    create.mutate(
      { name },
      {
        onSuccess: (workspace) => {
          router.push(`/w/${workspace.id}`);
          router.refresh();
        },
      },
    );
  }

  return (
    <AuthLayout
      title={first ? "Create a workspace" : "Create your first workspace"}
      subtitle="A workspace holds your sources, destinations and team. You will be its Owner."
      footer={
        first ? (
          <Link href={`/w/${first.id}`} className="font-medium text-neutral-900 underline-offset-4 hover:underline">
            Back to {first.name}
          </Link>
        ) : (
          <>
            Signed in as {userEmail} ·{" "}
            <button type="button" onClick={() => signOut({ callbackUrl: "/signin" })} className="font-medium text-neutral-900 underline-offset-4 hover:underline">
              Sign out
            </button>
          </>
        )
      }
    >
      <form onSubmit={onSubmit} className="space-y-4">
        <TextField label="Workspace name" name="name" required maxLength={100} placeholder="Acme Inc." autoFocus hint="You can rename it later." />
        <ErrorMessage error={create.error} />
        <Button type="submit" className="w-full" loading={create.isPending || create.isSuccess}>
          Create workspace
        </Button>
      </form>
    </AuthLayout>
  );
}
