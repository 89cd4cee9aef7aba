import type { RequestSample } from "../destinations/destination-types";

const SECRET_HEADER = /authorization|signature|token|secret|api[-_]?key|cookie|password/i;

// Secrets out of a request before it is stored or shown: secret-looking headers, and every secret setting value
// wherever it appears (a key in a URL, a token in a body).
export function redactRequest(request: RequestSample, secrets: string[]): RequestSample {
  const scrub = (s: string) => secrets.filter((x) => x.length >= 4).reduce((acc, x) => acc.split(x).join("[redacted]"), s);
  return {
    method: request.method,
    url: scrub(request.url),
    headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, SECRET_HEADER.test(k) ? "[redacted]" : scrub(v)])),
    body: scrub(request.body),
  };
}

// The string values of a destination's secret settings (nested values included).
export function secretValues(settings: Record<string, unknown>, secretFields: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string") out.push(v);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  for (const f of secretFields) walk(settings[f]);
  return out;
}
