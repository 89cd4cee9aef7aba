import type { SourceType } from "@/lib/queries/sources";

export const SOURCE_TYPES: { value: SourceType; label: string; description: string }[] = [
  { value: "JAVASCRIPT", label: "JavaScript website", description: "analytics.js (analytics-next) in the browser" },
  { value: "SERVER", label: "Server", description: "analytics-node or another server library" },
  { value: "HTTP", label: "HTTP API", description: "Plain HTTP calls to the tracking API" },
];

export const SOURCE_TYPE_LABELS = Object.fromEntries(SOURCE_TYPES.map((t) => [t.value, t.label])) as Record<SourceType, string>;
