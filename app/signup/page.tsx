import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpPage } from "@/components/auth/sign-up-page";
import { getSessionUser } from "@/lib/auth/get-session-user";

export const metadata: Metadata = { title: "Create your account" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Page({ searchParams }: Props) {
  const params = await searchParams;
  const invite = typeof params.invite === "string" ? params.invite : undefined;
  // A signed-in user following an invitation link goes to the invitation itself.
  if (await getSessionUser()) redirect(invite ? `/invite/${encodeURIComponent(invite)}` : "/");
  return <SignUpPage inviteToken={invite} />;
}
