import type { APIRequestContext, BrowserContext } from "@playwright/test";
import { PASSWORD } from "./seed";

// Signs in through next-auth's credentials endpoint (not the form), leaving the session cookie in the context.
export async function loginViaApi(request: APIRequestContext, email: string, password = PASSWORD): Promise<void> {
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  if (res.status() >= 400) throw new Error(`login failed for ${email}: ${res.status()}`);
  const session = await (await request.get("/api/auth/session")).json();
  if (!session?.user?.email) throw new Error(`login did not create a session for ${email}`);
}

export async function loginContext(context: BrowserContext, email: string, password = PASSWORD): Promise<void> {
  await loginViaApi(context.request, email, password);
}
