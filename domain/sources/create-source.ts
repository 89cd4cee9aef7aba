import { z } from "zod";
import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";
import { fromZodError } from "@/lib/errors/from-zod";
import { createId } from "@/lib/ids/create-id";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { issueWriteKey } from "../write-keys/issue-write-key";
import { sourceNameSchema, sourceTypeSchema } from "./source-schemas";

export type CreateSourceOptions = { workspaceId: string; name: string; type: string; actor: Actor; requestId?: string };

// A source comes with its first write key; the full key is in the result and shown once.
export async function createSource({ workspaceId, name, type, actor, requestId }: CreateSourceOptions) {
  const parsed = z.object({ name: sourceNameSchema, type: sourceTypeSchema }).safeParse({ name, type });
  if (!parsed.success) throw fromZodError(parsed.error);
  return getPrisma().$transaction(async (tx) => {
    const workspace = await tx.workspace.findUnique({ where: { id: workspaceId }, select: { id: true } });
    if (!workspace) throw notFound("Workspace not found");
    const source = await tx.source.create({
      data: { id: createId({ kind: "source" }), workspaceId, name: parsed.data.name, type: parsed.data.type },
    });
    const writeKey = await issueWriteKey(tx, { workspaceId, sourceId: source.id, sourceType: source.type });
    await recordAudit(tx, {
      workspaceId,
      actor,
      action: "source.create",
      targetType: "source",
      targetId: source.id,
      after: { name: source.name, type: source.type, writeKeyId: writeKey.id, writeKeyPrefix: writeKey.prefix },
      requestId,
    });
    return { source, writeKey };
  });
}
