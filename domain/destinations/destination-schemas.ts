import { z } from "zod";
import { nameSchema } from "@/lib/validation/common";
import { filterDefinitionSchema } from "@/pipeline/filters/filter-schema";
import { mappingDefinitionSchema } from "@/pipeline/mappings/mapping-schema";

export const MASK = "••••••••";

export const createDestinationInput = z.object({
  type: z.string().min(1).max(50),
  name: nameSchema,
  settings: z.record(z.string(), z.unknown()).default({}),
  enabled: z.boolean().default(true),
});

export const updateDestinationInput = z.object({
  name: nameSchema.optional(),
  enabled: z.boolean().optional(),
  // Secret fields sent back masked (or left out) keep their stored value.
  settings: z.record(z.string(), z.unknown()).optional(),
});

export const connectInput = z.object({ sourceId: z.string().min(1).max(100) });

export const filterInput = filterDefinitionSchema.extend({
  name: z.string().trim().min(1).max(100).default("Filter"),
  enabled: z.boolean().default(true),
  position: z.number().int().min(0).max(10_000).optional(),
});

export const mappingInput = mappingDefinitionSchema.extend({ position: z.number().int().min(0).max(10_000).optional() });

export const deadLetterSelection = z.object({
  // Missing: all of the destination's dead letters.
  ids: z.array(z.coerce.number().int().positive()).max(10_000).optional(),
});

export const previewInput = z.object({
  sourceId: z.string().min(1).max(100),
  event: z.record(z.string(), z.unknown()),
});
