import { redirect } from "next/navigation";
import { getSessionUser, type SessionUser } from "./get-session-user";

// For server pages: the signed-in user, or a redirect to the sign-in page that comes back here afterwards.
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
