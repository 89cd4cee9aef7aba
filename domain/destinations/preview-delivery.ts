import { getPrisma } from "@/lib/db/prisma";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import type { OutgoingItem } from "@/pipeline/destinations/destination-types";
import { redactRequest, secretValues } from "@/pipeline/delivery/redact-request";
import { routeEvent } from "@/pipeline/delivery/route-event";
import { compileFilters } from "@/pipeline/filters/apply-filters";
import type { FilterDefinition } from "@/pipeline/filters/filter-schema";
import { compileMappings } from "@/pipeline/mappings/apply-mappings";
import type { MappingDefinition } from "@/pipeline/mappings/mapping-schema";
import { findDestination, moduleOf, readSettings } from "./find-destination";

export type PreviewDeliveryOptions = {
  workspaceId: string;
  destinationId: string;
  sourceId: string;
  event: Record<string, unknown>;
  // Unsaved filters or mappings to try instead of the stored ones (the editors' live preview).
  filters?: FilterDefinition[];
  mappings?: MappingDefinition[];
};

// Whether the event passes the connection's filters and the exact request that would be sent (secrets redacted).
// Nothing is sent.
export async function previewDelivery(o: PreviewDeliveryOptions) {
  const d = await findDestination(o);
  const module = moduleOf(d.type);
  const connection = await getPrisma().connection.findFirst({
    where: { workspaceId: o.workspaceId, destinationId: d.id, sourceId: o.sourceId },
    include: { filters: { where: { workspaceId: o.workspaceId, enabled: true }, orderBy: { position: "asc" } } },
  });
  const storedMappings = await getPrisma().mapping.findMany({ where: { workspaceId: o.workspaceId, destinationId: d.id, enabled: true }, orderBy: { position: "asc" } });
  let filters, mappings;
  try {
    filters = compileFilters(o.filters ?? (connection?.filters ?? []).map((f) => ({ if: f.ifExpr, actions: f.actions as FilterDefinition["actions"] })));
    mappings = compileMappings(o.mappings ?? storedMappings.map((m) => ({ name: m.name, trigger: m.trigger as MappingDefinition["trigger"], fields: m.fields as MappingDefinition["fields"] })));
  } catch (err) {
    throw new AppError("validation_failed", `A condition does not parse: ${(err as Error).message}`);
  }
  const settings = module.settingsSchema.parse(readSettings(d.settingsEncrypted)) as Record<string, unknown>;
  const event = { messageId: "preview", receivedAt: new Date().toISOString(), ...o.event };
  const outcome = routeEvent(event, { integrationName: module.integrationName, destinationName: d.name, category: module.category, filters, mappings });
  if (!outcome.send) return { connected: Boolean(connection), passes: false, reason: outcome.reason, detail: outcome.detail ?? null, requests: [] };
  const items: OutgoingItem[] = outcome.payloads.map((payload) => ({
    seq: "0", messageId: String(event.messageId), receivedAt: String(event.receivedAt), event: outcome.event, payload,
  }));
  const secrets = secretValues(settings, module.secretFields);
  const requests = module
    .describe(settings as never, items, {
      allowPrivateDestinations: true, timeoutMs: 0, workspaceId: o.workspaceId, sourceId: o.sourceId, destinationId: d.id,
      defaultWarehouseUrl: getEnv().DATABASE_URL,
    })
    .map((r) => redactRequest(r, secrets));
  return { connected: Boolean(connection), passes: true, reason: null, detail: null, event: outcome.event, requests };
}
