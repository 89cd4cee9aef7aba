// Only same-site paths are followed after sign-in, so a crafted link cannot send a user elsewhere.
export function safeCallbackUrl(value: string | string[] | undefined | null): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v || !v.startsWith("/") || v.startsWith("//") || v.startsWith("/\\")) return undefined;
  return v;
}
