import { redirect } from "next/navigation";
import { listWorkspacesForUser } from "@/domain/workspaces/list-workspaces-for-user";
import { getSessionUser } from "@/lib/auth/get-session-user";

export const dynamic = "force-dynamic";

// Signed in: the first workspace (or onboarding when there is none). Signed out: the sign-in page.
export default async function HomePage() {
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  const [first] = await listWorkspacesForUser({ userId: user.id });
  redirect(first ? `/w/${first.id}` : "/onboarding");
}
