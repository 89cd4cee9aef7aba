import { getEnv } from "@/lib/env";
import { getPrisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { hashPassword, verifyPassword } from "@/lib/crypto/hash-password";
import { createId } from "@/lib/ids/create-id";

export type AuthenticateUserOptions = { email: string; password: string; ip?: string };

// A hash of a random password, checked when the email is unknown so both paths take the same time.
let decoyHash: Promise<string> | undefined;

// Failed attempts are limited per email and per client address; a limited caller gets rate_limited even with the
// right password, so guessing cannot continue in the background.
export async function authenticateUser({ email, password, ip }: AuthenticateUserOptions) {
  const env = getEnv();
  const db = getPrisma();
  const normalized = email.trim().toLowerCase();
  const keys = [`email:${normalized}`, ...(ip ? [`ip:${ip}`] : [])];
  const since = new Date(Date.now() - env.LOGIN_WINDOW_MINUTES * 60_000);
  for (const key of keys) {
    const failures = await db.loginAttempt.count({ where: { key, succeeded: false, createdAt: { gte: since } } });
    // An address serves many people; allow it several times the per-account budget.
    const limit = key.startsWith("ip:") ? env.LOGIN_MAX_FAILURES * 5 : env.LOGIN_MAX_FAILURES;
    if (failures >= limit) {
      throw new AppError("rate_limited", `Too many failed sign-in attempts. Try again in ${env.LOGIN_WINDOW_MINUTES} minutes.`);
    }
  }
  const user = await db.user.findUnique({ where: { email: normalized } });
  decoyHash ??= hashPassword(crypto.randomUUID());
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);
  await db.loginAttempt.createMany({
    data: keys.map((key) => ({ id: createId({ kind: "loginAttempt" }), key, succeeded: ok && !!user })),
  });
  if (!ok || !user) return null;
  return { id: user.id, email: user.email, name: user.name };
}
