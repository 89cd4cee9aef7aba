import { fromZodError } from "@/lib/errors/from-zod";
import type { DestinationModule } from "@/pipeline/destinations/destination-types";
import { MASK } from "./destination-schemas";

// Validates settings against the type's schema. With `previous`, secret fields sent back masked or left out keep
// their stored values (header values one by one). A secret field sent as null (or "") is cleared: the stored
// value goes, and the schema's default or the type's fallback applies (a Postgres warehouse without a connection
// string loads into Switchyard's own database; a webhook without a signing secret gets a new one). A field the
// schema requires stays required.
export function parseSettings(module: DestinationModule, input: Record<string, unknown>, previous?: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...input };
  for (const f of module.secretFields) {
    const v = input[f];
    if (v === null || v === "") delete merged[f];
    else if (!previous) continue;
    else if (v === undefined || v === MASK) merged[f] = previous[f];
    else if (v && typeof v === "object" && previous[f] && typeof previous[f] === "object") {
      const prev = previous[f] as Record<string, unknown>;
      merged[f] = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === MASK ? prev[k] : x]));
    }
  }
  const parsed = module.settingsSchema.safeParse(merged);
  if (!parsed.success) throw fromZodError(parsed.error, "Invalid settings");
  const settings = parsed.data as Record<string, unknown>;
  return module.prepareSettings ? (module.prepareSettings(settings as never) as Record<string, unknown>) : settings;
}
