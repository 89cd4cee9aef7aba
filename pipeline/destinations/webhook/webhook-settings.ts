import { randomBytes } from "node:crypto";
import { z } from "zod";

// Header names a user may not set: the signature and the framing are ours.
const RESERVED_HEADERS = new Set(["content-length", "host", "transfer-encoding", "connection", "x-switchyard-signature"]);

export const webhookSettingsSchema = z.object({
  url: z
    .url({ protocol: /^https?$/, error: "must be an http or https URL" })
    .max(2_000)
    .meta({ title: "Webhook URL", description: "Where events are sent: an http or https URL." }),
  method: z.enum(["POST", "PUT", "PATCH"]).default("POST").meta({ title: "HTTP method" }),
  headers: z
    .record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, "is not a valid header name").max(100), z.string().max(2_000).regex(/^[^\r\n]*$/, "must be one line"))
    .refine((h) => Object.keys(h).length <= 20, "at most 20 headers")
    .refine((h) => Object.keys(h).every((k) => !RESERVED_HEADERS.has(k.toLowerCase())), "sets a reserved header")
    .default({})
    .meta({ title: "Headers", description: "Sent with every request (e.g. Authorization). Stored encrypted; values are not shown again." }),
  // 1: one event per request, the event itself as the body. More: {"batch": [...]} with up to this many events.
  batchSize: z
    .number()
    .int()
    .min(1)
    .max(1_000)
    .default(1)
    .meta({ title: "Batch size", description: "1 sends each event as the body; more sends {\"batch\": [...]} with up to this many events." }),
  // How long a partial batch may wait for more events, in ms.
  batchIntervalMs: z
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(0)
    .meta({ title: "Batch wait (ms)", description: "How long a partial batch may wait for more events." }),
  // Per-destination HMAC-SHA256 key; generated when missing.
  signingSecret: z
    .string()
    .min(16)
    .max(200)
    .optional()
    .meta({ title: "Signing secret", description: "Key of the X-Switchyard-Signature HMAC. Leave empty to generate one; it is stored encrypted and never shown again." }),
  timeoutMs: z.number().int().min(100).max(60_000).default(10_000).meta({ title: "Timeout (ms)", description: "How long to wait for an answer before retrying." }),
});

export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;

export const WEBHOOK_SECRET_FIELDS = ["signingSecret", "headers"] as const;

export function generateSigningSecret(): string {
  return `whsec_${randomBytes(24).toString("base64url")}`;
}
