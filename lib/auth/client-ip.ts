// The address a request came from, as the console sees it. Behind a proxy, the first X-Forwarded-For entry.
export function clientIp(headers: Record<string, string | string[] | undefined> | Headers): string | undefined {
  const get = (name: string) => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  return get("x-forwarded-for")?.split(",")[0]?.trim() || get("x-real-ip") || undefined;
}
