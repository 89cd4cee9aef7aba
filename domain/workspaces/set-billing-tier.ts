import { z } from "zod";
import { getPrisma } from "@/lib/db/prisma";
import { fromZodError } from "@/lib/errors/from-zod";
import { notFound } from "@/lib/errors/app-error";
import { tierSchema } from "@/lib/validation/common";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";

export const setBillingTierInput = z
  .object({
    tier: tierSchema,
    customMtuLimit: z.number().int().positive().max(1_000_000_000).optional(),
    customDestinationLimit: z.number().int().positive().max(100_000).optional(),
  })
  .refine((v) => v.tier === "BUSINESS" || (v.customMtuLimit === undefined && v.customDestinationLimit === undefined), {
    message: "custom limits apply to the Business tier only",
    path: ["tier"],
  });

export type SetBillingTierOptions = z.input<typeof setBillingTierInput> & { workspaceId: string; actor: Actor; requestId?: string };

export async function setBillingTier({ workspaceId, actor, requestId, ...input }: SetBillingTierOptions) {
  const parsed = setBillingTierInput.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error);
  const { tier, customMtuLimit, customDestinationLimit } = parsed.data;
  return getPrisma().$transaction(async (tx) => {
    const before = await tx.workspace.findUnique({ where: { id: workspaceId } });
    if (!before) throw notFound("Workspace not found");
    const after = await tx.workspace.update({
      where: { id: workspaceId },
      data: {
        tier,
        customMtuLimit: tier === "BUSINESS" ? (customMtuLimit ?? null) : null,
        customDestinationLimit: tier === "BUSINESS" ? (customDestinationLimit ?? null) : null,
      },
    });
    const view = (w: typeof before) => ({ tier: w.tier, customMtuLimit: w.customMtuLimit, customDestinationLimit: w.customDestinationLimit });
    await recordAudit(tx, {
      workspaceId, actor, requestId, action: "billing.set_tier", targetType: "workspace", targetId: workspaceId,
      before: view(before), after: view(after),
    });
    return after;
  });
}
