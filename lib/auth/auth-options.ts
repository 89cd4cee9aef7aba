import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticateUser } from "@/domain/users/authenticate-user";
import { getEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors/app-error";
import { clientIp } from "./client-ip";

let cached: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  if (cached) return cached;
  const env = getEnv();
  const maxAge = Math.round(env.SESSION_MAX_AGE_HOURS * 3600);
  cached = {
    secret: env.AUTH_SECRET,
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    pages: { signIn: "/signin" },
    useSecureCookies: env.CONSOLE_URL.startsWith("https://"),
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          if (!credentials?.email || !credentials.password) return null;
          try {
            const user = await authenticateUser({
              email: credentials.email,
              password: credentials.password,
              ip: clientIp(req?.headers ?? {}),
            });
            return user ? { id: user.id, email: user.email, name: user.name } : null;
          } catch (err) {
            // next-auth passes the message of an Error thrown here to the sign-in form.
            if (isAppError(err) && err.code === "rate_limited") throw new Error(err.message);
            throw err;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.uid = user.id;
        return token;
      },
      session({ session, token }) {
        if (session.user && typeof token.uid === "string") (session.user as { id?: string }).id = token.uid;
        return session;
      },
    },
  };
  return cached;
}
