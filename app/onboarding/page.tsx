import type { Metadata } from "next";
import { OnboardingPage } from "@/components/onboarding/onboarding-page";
import { requireUser } from "@/lib/auth/require-user";

export const metadata: Metadata = { title: "Create a workspace" };

export default async function Page() {
  const user = await requireUser("/onboarding");
  return <OnboardingPage userEmail={user.email} />;
}
