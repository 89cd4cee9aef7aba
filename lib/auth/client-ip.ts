import { getEnv } from "@/lib/env";

// The address a sign-in came from, for the per-address rate limit. Route handlers under `next start` do not see
// the socket, so this trusts X-Forwarded-For only when TRUSTED_PROXY says a proxy sits in front, and then takes
// the entry that proxy appended (the right-most); anything a client wrote further left is ignored. Without a
// proxy it answers undefined and only the per-email limit applies.
export function clientIp(headers: Record<string, string | string[] | undefined> | Headers): string | undefined {
  if (!getEnv().TRUSTED_PROXY.trim()) return undefined;
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : raw;
  const hops = value?.split(",").map((s) => s.trim()).filter(Boolean) ?? [];
  return hops.at(-1);
}
