import type { NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";

// CSRF defence for cookie-authenticated writes: the browser's Origin (or, failing that, Referer) must be the
// console itself. Browsers always send Origin on cross-site POSTs, so a forged form or fetch is refused.
export function checkSameOrigin(req: NextRequest): void {
  const origin = req.headers.get("origin") ?? originOf(req.headers.get("referer"));
  const allowed = new Set([new URL(getEnv().CONSOLE_URL).origin, req.nextUrl.origin]);
  const host = req.headers.get("host");
  if (host) allowed.add(`${req.nextUrl.protocol}//${host}`);
  if (!origin || !allowed.has(origin)) {
    throw new AppError("forbidden", "Cross-site request refused (the Origin header does not match the console)");
  }
}

function originOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
