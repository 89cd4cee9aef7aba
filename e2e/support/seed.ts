import { randomBytes } from "node:crypto";
import { systemActor } from "@/domain/actor";
import { addMember } from "@/domain/members/add-member";
import { createUser } from "@/domain/users/create-user";
import { createWorkspace } from "@/domain/workspaces/create-workspace";
import type { Role } from "@/lib/generated/prisma/enums";

export const PASSWORD = "correct horse battery staple";

export function uniqueEmail(label: string): string {
  return `${label}-${randomBytes(4).toString("hex")}@example.test`;
}

export async function seedUser(label = "user") {
  return createUser({ email: uniqueEmail(label), password: PASSWORD, name: label });
}

// A workspace with its Owner, created straight through the domain functions (no UI).
export async function seedWorkspace(name = "Seeded workspace") {
  const owner = await seedUser("owner");
  const workspace = await createWorkspace({ name, ownerUserId: owner.id, actor: systemActor });
  return { owner, workspace };
}

export async function seedMember(workspaceId: string, role: Role, scope?: { sourceIds: string[] }) {
  const user = await seedUser(role.toLowerCase());
  await addMember({
    workspaceId,
    email: user.email,
    role,
    allSources: !scope,
    sourceIds: scope?.sourceIds ?? [],
    actor: systemActor,
  });
  return user;
}
