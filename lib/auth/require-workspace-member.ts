import { notFound } from "next/navigation";
import { findGrant } from "@/domain/members/find-grant";
import type { Grant } from "@/lib/permissions/permissions";
import type { SessionUser } from "./get-session-user";
import { requireUser } from "./require-user";

// For the workspace pages: signed out → sign-in page; signed in but not a member → 404, as the API answers.
export async function requireWorkspaceMember(workspaceId: string): Promise<{ user: SessionUser; grant: Grant }> {
  const user = await requireUser(`/w/${workspaceId}`);
  const grant = await findGrant({ workspaceId, userId: user.id });
  if (!grant) notFound();
  return { user, grant };
}
