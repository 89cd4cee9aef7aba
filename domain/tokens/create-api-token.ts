import { z } from "zod";
import { getPrisma } from "@/lib/db/prisma";
import { displayPrefix, hashToken, randomToken } from "@/lib/crypto/tokens";
import { fromZodError } from "@/lib/errors/from-zod";
import { createId } from "@/lib/ids/create-id";
import { nameSchema, roleSchema } from "@/lib/validation/common";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { API_TOKEN_PREFIX } from "./authenticate-api-token";

export const createApiTokenInput = z.object({
  name: nameSchema,
  role: roleSchema.refine((r) => r !== "OWNER", "a token cannot be an Owner").default("ADMIN"),
  expiresInDays: z.number().int().positive().max(3650).optional(),
});

export type CreateApiTokenOptions = z.input<typeof createApiTokenInput> & {
  workspaceId: string;
  createdById: string;
  actor: Actor;
  requestId?: string;
};

// The token is returned once, here; only its hash is stored.
export async function createApiToken({ workspaceId, createdById, actor, requestId, ...input }: CreateApiTokenOptions) {
  const parsed = createApiTokenInput.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error);
  const { name, role, expiresInDays } = parsed.data;
  const token = API_TOKEN_PREFIX + randomToken(40);
  return getPrisma().$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        id: createId({ kind: "apiToken" }),
        workspaceId,
        name,
        role,
        prefix: displayPrefix(token, API_TOKEN_PREFIX.length + 4),
        tokenHash: hashToken(token),
        createdById,
        expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null,
      },
      select: { id: true, name: true, role: true, prefix: true, createdAt: true, expiresAt: true },
    });
    await recordAudit(tx, { workspaceId, actor, requestId, action: "token.create", targetType: "api_token", targetId: row.id, after: row });
    return { ...row, token };
  });
}
