"use client";

import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import type { SourceType } from "@/lib/queries/sources";
import { KEY_PLACEHOLDER, snippetsFor } from "./snippets";

// How to send events to this source. `writeKey` is the full key when the member may see it (browser sources),
// otherwise null and the snippets carry a placeholder.
export function InstallSnippets({ type, writeKey, collectorUrl, keyNote }: {
  type: SourceType;
  writeKey: string | null;
  collectorUrl: string;
  keyNote?: string;
}) {
  const snippets = snippetsFor(type, writeKey ?? KEY_PLACEHOLDER, collectorUrl);
  return (
    <Card>
      <CardHeader
        title="Install"
        description={
          <>
            Events go to your collector at <code className="font-mono text-xs">{collectorUrl}</code>, which speaks Segment&apos;s tracking API.
          </>
        }
      />
      <CardBody className="space-y-4">
        {keyNote && <p className="text-sm text-neutral-600">{keyNote}</p>}
        {snippets.map((s) => (
          <figure key={s.id} aria-labelledby={`snippet-${s.id}`} className="overflow-hidden rounded-md border border-neutral-200">
            <figcaption className="flex items-center justify-between gap-2 border-b border-neutral-200 bg-neutral-50 px-3 py-1.5">
              <span id={`snippet-${s.id}`} className="font-mono text-xs font-medium text-neutral-700">
                {s.title}
              </span>
              <CopyButton value={s.code} label={`Copy ${s.title} snippet`} />
            </figcaption>
            <pre className="overflow-x-auto bg-neutral-950 p-3.5 font-mono text-xs leading-relaxed text-neutral-100">
              <code>{s.code}</code>
            </pre>
          </figure>
        ))}
      </CardBody>
    </Card>
  );
}
