import { applyFilters, type CompiledFilter } from "../filters/apply-filters";
import { applyMappings, type CompiledMapping } from "../mappings/apply-mappings";

export type RouteTarget = {
  integrationName: string;
  destinationName: string;
  category: "destination" | "warehouse";
  filters: CompiledFilter[];
  mappings: CompiledMapping[];
};

export type RouteOutcome =
  | { send: true; event: Record<string, unknown>; payloads: unknown[] }
  | { send: false; reason: "integrations_disabled" | "filter_sampled_out" | "filter_dropped" | "filter_not_matched" | "filter_error" | "no_mapping"; detail?: string };

// `integrations`: keys are destination names, case-sensitive. A key set to false blocks the destination; with
// `All: false` only destinations named with true still receive the event, except warehouses, which take
// everything unless named with false.
export function integrationAllows(event: Record<string, unknown>, target: Pick<RouteTarget, "integrationName" | "destinationName" | "category">): boolean {
  const integrations = event.integrations;
  if (!integrations || typeof integrations !== "object" || Array.isArray(integrations)) return true;
  const flags = integrations as Record<string, unknown>;
  const named = [target.integrationName, target.destinationName].map((n) => (Object.prototype.hasOwnProperty.call(flags, n) ? flags[n] : undefined));
  if (named.some((v) => v === false)) return false;
  if (named.some((v) => v === true || (v !== null && typeof v === "object"))) return true;
  if (target.category === "warehouse") return true;
  return flags.All !== false;
}

// Segment's order: integrations (then consent, a later issue), then the connection's filters, then the mapping.
export function routeEvent(event: Record<string, unknown>, target: RouteTarget): RouteOutcome {
  if (!integrationAllows(event, target)) return { send: false, reason: "integrations_disabled" };
  const filtered = applyFilters(target.filters, event);
  if (!filtered.kept) return { send: false, reason: filtered.reason, detail: filtered.detail };
  if (target.category === "warehouse") return { send: true, event: filtered.event, payloads: [filtered.event] };
  let mapped;
  try {
    mapped = applyMappings(target.mappings, filtered.event);
  } catch (err) {
    return { send: false, reason: "filter_error", detail: (err as Error).message };
  }
  if (!mapped.length) return { send: false, reason: "no_mapping" };
  return { send: true, event: filtered.event, payloads: mapped.map((m) => m.payload) };
}
