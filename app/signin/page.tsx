import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInPage } from "@/components/auth/sign-in-page";
import { getSessionUser } from "@/lib/auth/get-session-user";
import { safeCallbackUrl } from "@/lib/client/safe-callback";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Page({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl ?? "/");
  const error = typeof params.error === "string" ? params.error : undefined;
  const invite = typeof params.invite === "string" ? params.invite : undefined;
  return <SignInPage callbackUrl={callbackUrl} error={error} inviteToken={invite} />;
}
