import { z } from "zod";
import { DESTINATION_TYPES } from "@/pipeline/destinations/registry";

// The catalog: each type with its settings as JSON Schema (for the console's forms), secret fields and defaults.
export function listDestinationTypes() {
  return [...DESTINATION_TYPES.values()].map((m) => ({
    type: m.type,
    label: m.label,
    description: m.description,
    category: m.category,
    integrationName: m.integrationName,
    secretFields: m.secretFields,
    settingsSchema: z.toJSONSchema(m.settingsSchema, { io: "input", unrepresentable: "any" }),
    defaultMappings: m.defaultMappings,
  }));
}
