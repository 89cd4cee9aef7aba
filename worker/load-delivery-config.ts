import type pg from "pg";
import { decryptSecret } from "@/lib/crypto/encrypt-secret";
import type { DestinationModule } from "@/pipeline/destinations/destination-types";
import { getDestinationType } from "@/pipeline/destinations/registry";
import { compileFilters, type CompiledFilter } from "@/pipeline/filters/apply-filters";
import type { FilterDefinition } from "@/pipeline/filters/filter-schema";
import { compileMappings } from "@/pipeline/mappings/apply-mappings";
import type { MappingDefinition } from "@/pipeline/mappings/mapping-schema";
import { secretValues } from "@/pipeline/delivery/redact-request";
import type { RouteTarget } from "@/pipeline/delivery/route-event";

export type ConnectionConfig = {
  connectionId: string;
  workspaceId: string;
  sourceId: string;
  destinationId: string;
  module: DestinationModule;
  settings: Record<string, unknown>;
  secrets: string[];
  target: RouteTarget;
  batching: { size: number; intervalMs: number };
  // Settings that no longer decrypt or validate: every event is discarded with this reason.
  configError?: string;
};

// A filter whose condition no longer compiles drops every event as a filter error.
const BROKEN_FILTER: CompiledFilter = {
  condition: { kind: "call", name: "match", args: [{ kind: "literal", value: "" }, { kind: "literal", value: null }] },
  actions: [{ type: "DROP" }],
};

// Enabled connections of enabled destinations, with their filters and mappings, decrypted and compiled.
export async function loadDeliveryConfig(pool: pg.Pool): Promise<Map<string, ConnectionConfig>> {
  const [connections, filters, mappings] = await Promise.all([
    pool.query<{ id: string; workspace_id: string; source_id: string; destination_id: string; type: string; name: string; settings_encrypted: string }>(
      `SELECT c.id, c.workspace_id, c.source_id, c.destination_id, d.type, d.name, d.settings_encrypted
       FROM public.connections c JOIN public.destinations d ON d.id = c.destination_id AND d.workspace_id = c.workspace_id
       WHERE c.enabled AND d.enabled`,
    ),
    pool.query<{ connection_id: string; if_expr: string; actions: FilterDefinition["actions"] }>(
      `SELECT connection_id, if_expr, actions FROM public.filters WHERE enabled ORDER BY position, created_at`,
    ),
    pool.query<{ destination_id: string; name: string; trigger: MappingDefinition["trigger"]; fields: MappingDefinition["fields"] }>(
      `SELECT destination_id, name, trigger, fields FROM public.mappings WHERE enabled ORDER BY position, created_at`,
    ),
  ]);
  const filtersBy = groupBy(filters.rows, (f) => f.connection_id);
  const mappingsBy = groupBy(mappings.rows, (m) => m.destination_id);
  const out = new Map<string, ConnectionConfig>();
  for (const c of connections.rows) {
    const module = getDestinationType(c.type);
    if (!module) continue;
    let settings: Record<string, unknown> = {};
    let configError: string | undefined;
    try {
      const parsed = module.settingsSchema.safeParse(JSON.parse(decryptSecret(c.settings_encrypted)));
      if (parsed.success) settings = parsed.data as Record<string, unknown>;
      else configError = `Invalid settings: ${parsed.error.issues[0]?.message ?? "unknown"}`;
    } catch {
      configError = "Settings could not be decrypted (was SWITCHYARD_ENCRYPTION_KEY changed?)";
    }
    let compiledFilters: CompiledFilter[];
    try {
      compiledFilters = compileFilters((filtersBy.get(c.id) ?? []).map((f) => ({ if: f.if_expr, actions: f.actions })));
    } catch {
      compiledFilters = [BROKEN_FILTER];
    }
    let compiledMappings: ReturnType<typeof compileMappings> = [];
    try {
      compiledMappings = compileMappings((mappingsBy.get(c.destination_id) ?? []).map((m) => ({ name: m.name, trigger: m.trigger, fields: m.fields })));
    } catch {
      configError ??= "A mapping trigger no longer parses";
    }
    out.set(c.id, {
      connectionId: c.id,
      workspaceId: c.workspace_id,
      sourceId: c.source_id,
      destinationId: c.destination_id,
      module,
      settings,
      secrets: secretValues(settings, module.secretFields),
      target: {
        integrationName: module.integrationName,
        destinationName: c.name,
        category: module.category,
        filters: compiledFilters,
        mappings: compiledMappings,
      },
      batching: configError ? { size: 100, intervalMs: 0 } : module.batching(settings as never),
      configError,
    });
  }
  return out;
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}
