import { getEnv } from "@/lib/env";
import { getPrisma } from "@/lib/db/prisma";

// Sign-up is open unless SIGNUP_ENABLED=false; even then the first user of an instance, and anyone holding a
// pending invitation, may create an account.
export async function canSignUp({ email }: { email: string }): Promise<boolean> {
  if (getEnv().SIGNUP_ENABLED) return true;
  const db = getPrisma();
  if ((await db.user.count()) === 0) return true;
  const invited = await db.invitation.count({
    where: { email: email.trim().toLowerCase(), acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
  });
  return invited > 0;
}
