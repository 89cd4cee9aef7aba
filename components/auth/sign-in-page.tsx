"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Alert, ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { signInErrorMessage, signInWithPassword } from "@/lib/client/auth-actions";
import { AuthLayout } from "./auth-layout";

export type SignInPageProps = { callbackUrl?: string; error?: string; inviteToken?: string };

export function SignInPage({ callbackUrl, error, inviteToken }: SignInPageProps) {
  const router = useRouter();
  const signInMutation = useMutation({
    mutationFn: ({ email, password }: { email: string; password: string }) => signInWithPassword(email, password),
    onSuccess: () => {
      router.replace(callbackUrl ?? "/");
      router.refresh();
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    signInMutation.mutate({ email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") });
  }

  // An error handed over in the URL (a redirect from next-auth) until the user tries again.
  const urlError = !signInMutation.error && !signInMutation.isPending ? signInErrorMessage(error) : null;
  const signUpHref = inviteToken ? `/signup?invite=${encodeURIComponent(inviteToken)}` : "/signup";

  return (
    <AuthLayout
      title="Sign in to Switchyard"
      subtitle={inviteToken ? "Sign in to accept your invitation." : "Welcome back."}
      footer={
        <>
          New here?{" "}
          <Link href={signUpHref} className="font-medium text-neutral-900 underline-offset-4 hover:underline">
            Create an account
          </Link>
        </>
      }
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <TextField label="Email" name="email" type="email" autoComplete="email" required autoFocus />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
        {urlError && <Alert tone="error">{urlError}</Alert>}
        <ErrorMessage error={signInMutation.error} />
        <Button type="submit" className="w-full" loading={signInMutation.isPending || signInMutation.isSuccess}>
          Sign in
        </Button>
      </form>
    </AuthLayout>
  );
}
