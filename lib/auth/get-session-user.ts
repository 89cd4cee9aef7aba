import { getServerSession } from "next-auth";
import { getPrisma } from "@/lib/db/prisma";
import { getAuthOptions } from "./auth-options";

export type SessionUser = { id: string; email: string; name: string | null };

// The signed-in user, re-read from the database so a deleted account's session stops working at once.
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(getAuthOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  return getPrisma().user.findUnique({ where: { id }, select: { id: true, email: true, name: true } });
}
