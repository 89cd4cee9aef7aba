import { createHmac } from "node:crypto";
import type { DestinationModule, OutgoingItem, RequestSample } from "../destination-types";
import { httpSend } from "../http-send";
import { generateSigningSecret, WEBHOOK_SECRET_FIELDS, webhookSettingsSchema, type WebhookSettings } from "./webhook-settings";

// Receivers verify `X-Switchyard-Signature: sha256=<hex HMAC-SHA256 of the raw body under the signing secret>`.
// See docs/destinations/webhook.md.
export const SIGNATURE_HEADER = "x-switchyard-signature";

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

function buildRequest(settings: WebhookSettings, items: OutgoingItem[]): RequestSample {
  const payloads = items.map((i) => i.payload);
  const body = JSON.stringify(settings.batchSize > 1 ? { batch: payloads } : payloads[0]);
  return {
    method: settings.method,
    url: settings.url,
    headers: {
      "content-type": "application/json",
      "user-agent": "Switchyard-Webhook/1",
      ...settings.headers,
      [SIGNATURE_HEADER]: signBody(settings.signingSecret ?? "", body),
    },
    body,
  };
}

export const webhookDestination: DestinationModule<WebhookSettings> = {
  type: "webhook",
  integrationName: "Webhooks",
  label: "Webhook",
  description: "POSTs each event (or a batch of events) as JSON to a URL, signed with HMAC-SHA256.",
  category: "destination",
  settingsSchema: webhookSettingsSchema as never,
  secretFields: WEBHOOK_SECRET_FIELDS,
  defaultMappings: [
    {
      name: "Send the event",
      enabled: true,
      trigger: {},
      fields: [{ to: "", from: { path: "" } }],
    },
  ],
  prepareSettings: (s) => ({ ...s, signingSecret: s.signingSecret ?? generateSigningSecret() }),
  batching: (s) => ({ size: s.batchSize, intervalMs: s.batchIntervalMs }),
  describe: (settings, items) => {
    const size = Math.max(1, settings.batchSize);
    const out: RequestSample[] = [];
    for (let i = 0; i < items.length; i += size) out.push(buildRequest(settings, items.slice(i, i + size)));
    return out;
  },
  send: async (settings, items, ctx) =>
    httpSend({
      request: buildRequest(settings, items),
      timeoutMs: Math.min(settings.timeoutMs, ctx.timeoutMs),
      allowPrivate: ctx.allowPrivateDestinations,
    }),
};
