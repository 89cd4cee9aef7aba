import type { SourceType } from "@/lib/generated/prisma/enums";
import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";

export type GetSourceOptions = { workspaceId: string; sourceId: string };

export type SourceDetail = {
  id: string;
  name: string;
  type: SourceType;
  createdAt: Date;
  updatedAt: Date;
};

// One source of a workspace; another workspace's source (or none) is "not found".
export async function getSource({ workspaceId, sourceId }: GetSourceOptions): Promise<SourceDetail> {
  const source = await getPrisma().source.findFirst({
    where: { id: sourceId, workspaceId },
    select: { id: true, name: true, type: true, createdAt: true, updatedAt: true },
  });
  if (!source) throw notFound("Source not found");
  return source;
}
