import type { SourceType } from "@/lib/queries/sources";

export const KEY_PLACEHOLDER = "YOUR_WRITE_KEY";

type Snippet = { id: string; title: string; language: string; code: string };

export function snippetsFor(type: SourceType, writeKey: string, collectorUrl: string): Snippet[] {
  const url = collectorUrl.replace(/\/+$/, "");
  const k = JSON.stringify(writeKey);
  const browser: Snippet = {
    id: "analytics-next",
    title: "analytics-next",
    language: "js",
    code: `// npm install @segment/analytics-next
import { AnalyticsBrowser } from "@segment/analytics-next";

export const analytics = AnalyticsBrowser.load({ writeKey: ${k}, cdnURL: ${JSON.stringify(url)} });

analytics.page();
analytics.track("Signed Up", { plan: "team" });`,
  };
  const node: Snippet = {
    id: "analytics-node",
    title: "analytics-node",
    language: "js",
    code: `// npm install @segment/analytics-node
import { Analytics } from "@segment/analytics-node";

const analytics = new Analytics({ writeKey: ${k}, host: ${JSON.stringify(url)} });

analytics.track({ userId: "user-123", event: "Order Completed", properties: { total: 42 } });
await analytics.closeAndFlush();`,
  };
  const curl: Snippet = {
    id: "curl",
    title: "curl",
    language: "sh",
    code: `curl ${url}/v1/track \\
  -u '${writeKey}:' \\
  -H 'Content-Type: application/json' \\
  -d '{"userId": "user-123", "event": "Order Completed", "properties": {"total": 42}}'`,
  };
  if (type === "JAVASCRIPT") return [browser];
  if (type === "SERVER") return [node, curl];
  return [curl, node];
}
