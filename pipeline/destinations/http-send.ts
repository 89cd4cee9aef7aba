import http from "node:http";
import https from "node:https";
import type { RequestSample, SendResult } from "./destination-types";
import { guardedLookup, PrivateAddressError } from "./network-guard";

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

const MAX_RESPONSE_SAMPLE = 2_000;

// Retry-After is seconds or an HTTP date.
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

// Segment's rules: 2xx delivered; 408, 429 and 5xx retried; other statuses (400, 401, 403, ...) discarded.
export function classifyStatus(status: number): "ok" | "retryable" | "permanent" {
  if (status >= 200 && status < 300) return "ok";
  if (status === 408 || status === 429 || status >= 500) return "retryable";
  return "permanent";
}

export type HttpSendOptions = { request: RequestSample; timeoutMs: number; allowPrivate: boolean };

// One request, no redirects followed (a redirect could lead to an internal address), response body sampled.
export function httpSend({ request, timeoutMs, allowPrivate }: HttpSendOptions): Promise<SendResult> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return resolve({ ok: false, kind: "permanent", error: "Invalid URL", request });
    }
    const isHttps = url.protocol === "https:";
    if (!isHttps && url.protocol !== "http:") return resolve({ ok: false, kind: "permanent", error: "Only http and https URLs", request });
    const body = Buffer.from(request.body);
    const req = (isHttps ? https : http).request(
      url,
      {
        method: request.method,
        headers: { ...request.headers, "content-length": String(body.length) },
        agent: isHttps ? agents.https : agents.http,
        lookup: guardedLookup(allowPrivate) as never,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          if (size < MAX_RESPONSE_SAMPLE) chunks.push(c);
          size += c.length;
        });
        res.on("error", () => {});
        res.on("end", () => {
          clearTimeout(timer);
          const status = res.statusCode ?? 0;
          const verdict = classifyStatus(status);
          const response = Buffer.concat(chunks).toString("utf8").slice(0, MAX_RESPONSE_SAMPLE);
          if (verdict === "ok") return resolve({ ok: true, status, request });
          const retryAfterMs = parseRetryAfter(res.headers["retry-after"] as string | undefined);
          resolve({ ok: false, kind: verdict, status, error: `HTTP ${status}`, retryAfterMs, request, response });
        });
      },
    );
    // The socket timeout covers idle sockets; this one covers a server that trickles or never answers.
    const timer = setTimeout(() => req.destroy(new Error(`No response within ${timeoutMs} ms`)), timeoutMs);
    req.on("timeout", () => req.destroy(new Error(`No response within ${timeoutMs} ms`)));
    req.on("error", (err) => {
      clearTimeout(timer);
      const cause = (err as { cause?: unknown }).cause;
      if (err instanceof PrivateAddressError || cause instanceof PrivateAddressError || (err as NodeJS.ErrnoException).code === "EPRIVATE") {
        return resolve({ ok: false, kind: "permanent", error: err.message, request });
      }
      resolve({ ok: false, kind: "retryable", error: err.message, request });
    });
    req.end(body);
  });
}
