import { z } from "zod";
import { FqlSyntaxError } from "./fql-ast";
import { parseFql } from "./parse-fql";

// Which parts of an event property-level actions may touch.
export const FIELD_GROUPS = ["properties", "traits", "context"] as const;

const fieldList = z.partialRecord(z.enum(FIELD_GROUPS), z.array(z.string().min(1).max(200)).max(200));

export const filterActionSchema = z.discriminatedUnion("type", [
  // Matching events are not sent.
  z.object({ type: z.literal("DROP") }),
  // Only matching events are sent.
  z.object({ type: z.literal("ONLY_SEND") }),
  // Of matching events, this share is sent (decided by messageId, so a retried event gets the same answer).
  z.object({ type: z.literal("SAMPLE"), percent: z.number().min(0).max(100) }),
  z.object({ type: z.literal("DROP_PROPERTIES"), fields: fieldList }),
  z.object({ type: z.literal("ALLOW_PROPERTIES"), fields: fieldList }),
]);

export type FilterAction = z.infer<typeof filterActionSchema>;

export const filterConditionSchema = z.string().trim().min(1).max(10_000).superRefine((expr, ctx) => {
  try {
    parseFql(expr);
  } catch (err) {
    if (err instanceof FqlSyntaxError) ctx.addIssue({ code: "custom", message: err.message });
    else throw err;
  }
});

export const filterDefinitionSchema = z.object({
  if: filterConditionSchema,
  actions: z.array(filterActionSchema).min(1).max(10),
});

export type FilterDefinition = z.infer<typeof filterDefinitionSchema>;
