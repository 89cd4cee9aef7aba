import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";

// Operator tools only (the CLI has no workspace context): the workspace a source belongs to. Never use this to
// skip a tenancy check in a request path.
export async function findSourceWorkspace(sourceId: string): Promise<string> {
  const source = await getPrisma().source.findUnique({ where: { id: sourceId }, select: { workspaceId: true } });
  if (!source) throw notFound("Source not found");
  return source.workspaceId;
}

export async function findWriteKeyWorkspace(keyId: string): Promise<string> {
  const key = await getPrisma().writeKey.findUnique({ where: { id: keyId }, select: { workspaceId: true } });
  if (!key) throw notFound("Write key not found");
  return key.workspaceId;
}
