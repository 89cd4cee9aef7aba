import type { Prisma } from "@/lib/generated/prisma/client";
import type { SourceType } from "@/lib/generated/prisma/enums";
import { displayPrefix, hashToken, randomToken } from "@/lib/crypto/tokens";
import { createId } from "@/lib/ids/create-id";

export type IssuedWriteKey = { id: string; prefix: string; key: string; createdAt: Date };

// Creates a key inside the caller's transaction. The full key is returned here and never again, except that a
// browser (JAVASCRIPT) source keeps it in keyPlain: every page that loads the SDK publishes it anyway.
export async function issueWriteKey(
  tx: Prisma.TransactionClient,
  o: { workspaceId: string; sourceId: string; sourceType: SourceType },
): Promise<IssuedWriteKey> {
  const key = randomToken(32);
  const row = await tx.writeKey.create({
    data: {
      id: createId({ kind: "writeKey" }),
      workspaceId: o.workspaceId,
      sourceId: o.sourceId,
      prefix: displayPrefix(key),
      keyHash: hashToken(key),
      keyPlain: o.sourceType === "JAVASCRIPT" ? key : null,
    },
  });
  return { id: row.id, prefix: row.prefix, key, createdAt: row.createdAt };
}
