"use client";

import { useId, useState } from "react";
import { Alert, ErrorMessage } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { inputClass, SelectField } from "@/components/ui/field";
import { canOnSource, type Grant } from "@/lib/permissions/permissions";
import { usePreviewDelivery, type DestinationDetail } from "@/lib/queries/destinations";
import { useSources } from "@/lib/queries/sources";
import { RequestView } from "./destination-ui";

const SAMPLE_EVENT = {
  type: "track",
  event: "Order Completed",
  userId: "user_123",
  anonymousId: "anon_456",
  properties: { order_id: "ord_789", total: 42.5, currency: "USD", email: "ada@example.com" },
  context: { ip: "203.0.113.7", library: { name: "analytics-node", version: "3.1.0" } },
  timestamp: "2026-01-01T12:00:00.000Z",
};

const REASONS: Record<string, string> = {
  integrations_disabled: "The event's integrations object turns this destination off.",
  filter_sampled_out: "A sample filter left this event out.",
  filter_dropped: "A filter drops this event.",
  filter_not_matched: "An “only send” filter does not match this event.",
  filter_error: "A filter or mapping condition failed on this event.",
  no_mapping: "No mapping's trigger matches this event, so nothing would be sent.",
};

// Paste an event and see whether it passes the connection's filters and the exact request that would be sent.
// Nothing is sent.
export function PreviewCard({ workspaceId, destination, grant }: { workspaceId: string; destination: DestinationDetail; grant: Grant }) {
  const sources = useSources(workspaceId);
  const preview = usePreviewDelivery(workspaceId, destination.id);
  const [text, setText] = useState(() => JSON.stringify(SAMPLE_EVENT, null, 2));
  const [sourceId, setSourceId] = useState("");
  const [jsonError, setJsonError] = useState<string | null>(null);
  const textId = useId();

  const readable = (sources.data ?? []).filter((s) => canOnSource(grant, "destinations.read", s.id));
  const connected = readable.filter((s) => destination.connections.some((c) => c.sourceId === s.id));
  const options = connected.length ? connected : readable;
  const chosen = options.some((s) => s.id === sourceId) ? sourceId : (options[0]?.id ?? "");

  function run() {
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch (err) {
      setJsonError(`Not valid JSON: ${(err as Error).message}`);
      return;
    }
    if (!event || typeof event !== "object" || Array.isArray(event)) {
      setJsonError("The event must be a JSON object.");
      return;
    }
    setJsonError(null);
    preview.mutate({ sourceId: chosen, event: event as Record<string, unknown> });
  }

  const result = preview.data;
  return (
    <Card>
      <CardHeader title="Preview" description="Paste an event to see whether it passes the filters and the exact request that would be sent. Nothing is sent." />
      <CardBody className="grid gap-5 lg:grid-cols-2">
        <div className="space-y-3">
          <SelectField label="Through the filters of" value={chosen} onChange={(e) => setSourceId(e.target.value)} disabled={options.length === 0}>
            {options.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
                {connected.length ? "" : " (not connected)"}
              </option>
            ))}
          </SelectField>
          <div className="space-y-1.5">
            <label htmlFor={textId} className="block text-sm font-medium text-neutral-800">
              Event JSON
            </label>
            <textarea
              id={textId}
              value={text}
              onChange={(e) => setText(e.target.value)}
              rows={14}
              spellCheck={false}
              aria-invalid={jsonError ? true : undefined}
              className={cn(inputClass, "font-mono text-xs", jsonError && "ring-red-400")}
            />
            {jsonError && (
              <p role="alert" className="text-xs text-red-600">
                {jsonError}
              </p>
            )}
          </div>
          <div className="flex items-center justify-between gap-2">
            <Button variant="ghost" size="sm" onClick={() => setText(JSON.stringify(SAMPLE_EVENT, null, 2))}>
              Reset to sample
            </Button>
            <Button onClick={run} loading={preview.isPending} disabled={!chosen}>
              Preview delivery
            </Button>
          </div>
          {options.length === 0 && <p className="text-xs text-neutral-500">Add a source to the workspace to preview.</p>}
        </div>
        <div aria-live="polite" className="min-w-0 space-y-3">
          <ErrorMessage error={preview.error} />
          {!result && !preview.error && (
            <div className="flex h-full min-h-40 items-center justify-center rounded-md border border-dashed border-neutral-300 p-6 text-center text-sm text-neutral-500">
              The result shows here.
            </div>
          )}
          {result && (
            <section aria-label="Preview result" className="space-y-3">
              {!result.connected && <Alert tone="warning">This source is not connected yet: no connection filters applied.</Alert>}
              {result.passes ? (
                <p className="flex items-center gap-2 text-sm font-medium text-emerald-700">
                  <Badge tone="green">Passes</Badge>
                  {result.requests.length === 1 ? "This request would be sent:" : `${result.requests.length} requests would be sent:`}
                </p>
              ) : (
                <div className="space-y-1">
                  <p className="flex items-center gap-2 text-sm font-medium text-red-700">
                    <Badge tone="red">Not sent</Badge>
                    {REASONS[result.reason ?? ""] ?? result.reason}
                  </p>
                  {result.detail && <p className="font-mono text-xs text-neutral-600">{result.detail}</p>}
                </div>
              )}
              {result.requests.map((r, i) => (
                <RequestView key={i} request={r} label={result.requests.length > 1 ? `Request ${i + 1}` : "Request"} />
              ))}
            </section>
          )}
        </div>
      </CardBody>
    </Card>
  );
}
