import type { SourceType } from "@/lib/generated/prisma/enums";
import { cliActor } from "@/domain/actor";
import { createSource } from "@/domain/sources/create-source";
import { getPrisma } from "@/lib/db/prisma";
import { createId } from "@/lib/ids/create-id";

// Every test file makes its own workspace, so files running in parallel never share rows.
export async function seedWorkspace(name = "Test workspace") {
  return getPrisma().workspace.create({ data: { id: createId({ kind: "workspace" }), name } });
}

export async function seedSource(o: { workspaceId?: string; type?: SourceType; name?: string } = {}) {
  const workspaceId = o.workspaceId ?? (await seedWorkspace()).id;
  const { source, writeKey } = await createSource({
    workspaceId,
    name: o.name ?? "Test source",
    type: o.type ?? "SERVER",
    actor: cliActor("test"),
  });
  return { workspaceId, sourceId: source.id, writeKey: writeKey.key, writeKeyId: writeKey.id };
}
