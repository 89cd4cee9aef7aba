import type { EventType } from "@/pipeline/event-types";

export type TrackingRoute = { url: string; mode: "single" | "batch" | "discard"; pathType?: EventType };

const SINGLE: Record<string, EventType> = {
  identify: "identify", track: "track", page: "page", screen: "screen", group: "group", alias: "alias",
  i: "identify", t: "track", p: "page", s: "screen", g: "group", a: "alias",
};
const ROUTES = new Map<string, TrackingRoute>([
  ...Object.entries(SINGLE).map(([p, type]): [string, TrackingRoute] => [`/v1/${p}`, { url: `/v1/${p}`, mode: "single", pathType: type }]),
  ...["batch", "import", "b"].map((p): [string, TrackingRoute] => [`/v1/${p}`, { url: `/v1/${p}`, mode: "batch" }]),
  // SDK telemetry: accepted and discarded.
  ["/v1/m", { url: "/v1/m", mode: "discard" }],
]);

// The tracking endpoint a request target names (a query string is ignored), if any.
export function findTrackingRoute(target: string): TrackingRoute | undefined {
  const query = target.indexOf("?");
  return ROUTES.get(query === -1 ? target : target.slice(0, query));
}
