import { z } from "zod";
import { filterConditionSchema } from "../filters/filter-schema";

// A mapping: when its trigger matches an event, its field mappings build one payload for the destination.

const EVENT_TYPES = ["track", "identify", "page", "screen", "group", "alias"] as const;

export const mappingTriggerSchema = z.object({
  // Event types the mapping applies to; empty or missing: all.
  types: z.array(z.enum(EVENT_TYPES)).max(6).optional(),
  // Track event names (exact, case-sensitive); empty or missing: any.
  events: z.array(z.string().min(1).max(200)).max(100).optional(),
  // Property conditions, as an FQL expression (same language as destination filters).
  if: filterConditionSchema.optional(),
});

// `path`: a dot path into the event ("" is the whole event); `literal`: a fixed JSON value; `template`: a string
// where {{path}} is replaced by the value at that path.
export const fieldSourceSchema = z.union([
  z.object({ path: z.string().max(500) }).strict(),
  z.object({ literal: z.json() }).strict(),
  z.object({ template: z.string().max(5_000) }).strict(),
]);

export const fieldMappingSchema = z.object({
  // Where the value goes in the payload, as a dot path; "" replaces the whole payload.
  to: z.string().max(500).regex(/^$|^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, "must be a dot path of letters, digits, _ $ -"),
  from: fieldSourceSchema,
});

export const mappingDefinitionSchema = z.object({
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(true),
  trigger: mappingTriggerSchema,
  fields: z.array(fieldMappingSchema).min(1).max(200),
});

export type MappingTrigger = z.infer<typeof mappingTriggerSchema>;
export type FieldSource = z.infer<typeof fieldSourceSchema>;
export type FieldMapping = z.infer<typeof fieldMappingSchema>;
export type MappingDefinition = z.input<typeof mappingDefinitionSchema>;
