import { fromZodError } from "@/lib/errors/from-zod";
import type { DestinationModule } from "@/pipeline/destinations/destination-types";
import { MASK } from "./destination-schemas";

// Validates settings against the type's schema. With `previous`, secret fields sent back masked or left out keep
// their stored values (header values one by one).
export function parseSettings(module: DestinationModule, input: Record<string, unknown>, previous?: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...input };
  if (previous) {
    for (const f of module.secretFields) {
      const v = merged[f];
      if (v === undefined || v === MASK) merged[f] = previous[f];
      else if (v && typeof v === "object" && previous[f] && typeof previous[f] === "object") {
        const prev = previous[f] as Record<string, unknown>;
        merged[f] = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === MASK ? prev[k] : x]));
      }
    }
  }
  const parsed = module.settingsSchema.safeParse(merged);
  if (!parsed.success) throw fromZodError(parsed.error, "Invalid settings");
  const settings = parsed.data as Record<string, unknown>;
  return module.prepareSettings ? (module.prepareSettings(settings as never) as Record<string, unknown>) : settings;
}
