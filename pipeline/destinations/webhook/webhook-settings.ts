import { randomBytes } from "node:crypto";
import { z } from "zod";

// Header names a user may not set: the signature and the framing are ours.
const RESERVED_HEADERS = new Set(["content-length", "host", "transfer-encoding", "connection", "x-switchyard-signature"]);

export const webhookSettingsSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: "must be an http or https URL" }).max(2_000),
  method: z.enum(["POST", "PUT", "PATCH"]).default("POST"),
  headers: z
    .record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, "is not a valid header name").max(100), z.string().max(2_000).regex(/^[^\r\n]*$/, "must be one line"))
    .refine((h) => Object.keys(h).length <= 20, "at most 20 headers")
    .refine((h) => Object.keys(h).every((k) => !RESERVED_HEADERS.has(k.toLowerCase())), "sets a reserved header")
    .default({}),
  // 1: one event per request, the event itself as the body. More: {"batch": [...]} with up to this many events.
  batchSize: z.number().int().min(1).max(1_000).default(1),
  // How long a partial batch may wait for more events, in ms.
  batchIntervalMs: z.number().int().min(0).max(60_000).default(0),
  // Per-destination HMAC-SHA256 key; generated when missing.
  signingSecret: z.string().min(16).max(200).optional(),
  timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
});

export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;

export const WEBHOOK_SECRET_FIELDS = ["signingSecret", "headers"] as const;

export function generateSigningSecret(): string {
  return `whsec_${randomBytes(24).toString("base64url")}`;
}
