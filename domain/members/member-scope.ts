import { z } from "zod";
import { SOURCE_SCOPED_ROLES } from "@/lib/permissions/permissions";
import { roleSchema } from "@/lib/validation/common";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors/app-error";

// A role with its source scope. Scope only means something for the source roles; others reach every source.
export const roleAndScope = z.object({
  role: roleSchema,
  allSources: z.boolean().default(true),
  sourceIds: z.array(z.string().max(64)).max(500).default([]),
});

export type RoleAndScope = z.infer<typeof roleAndScope>;

export function normalizeScope(input: RoleAndScope): RoleAndScope {
  if (!SOURCE_SCOPED_ROLES.includes(input.role) || input.allSources) return { role: input.role, allSources: true, sourceIds: [] };
  return { role: input.role, allSources: false, sourceIds: [...new Set(input.sourceIds)] };
}

// Listed sources must exist in this workspace.
export async function assertSourcesInWorkspace(tx: Prisma.TransactionClient, workspaceId: string, sourceIds: string[]) {
  if (sourceIds.length === 0) return;
  const found = await tx.source.count({ where: { workspaceId, id: { in: sourceIds } } });
  if (found !== sourceIds.length) throw new AppError("validation_failed", "Some of the listed sources do not exist in this workspace");
}
