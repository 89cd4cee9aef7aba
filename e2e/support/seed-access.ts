import { systemActor } from "@/domain/actor";
import { addMember } from "@/domain/members/add-member";
import { createInvitation } from "@/domain/invitations/create-invitation";
import { createSource } from "@/domain/sources/create-source";
import { createApiToken } from "@/domain/tokens/create-api-token";
import { createWriteKey } from "@/domain/write-keys/create-write-key";
import type { Role } from "@/lib/generated/prisma/enums";
import { seedUser, uniqueEmail } from "./seed";

// Seed helpers for the access matrix and the integration tests, next to seed.ts (which others use as is).

// A source (with its first write key) made through the domain function.
export async function seedSource(workspaceId: string, name = "Seeded source") {
  const { source } = await createSource({ workspaceId, name, type: "HTTP", actor: systemActor });
  return { id: source.id, workspaceId: source.workspaceId, name: source.name };
}

export async function seedWriteKey(workspaceId: string, sourceId: string) {
  return createWriteKey({ workspaceId, sourceId, actor: systemActor });
}

// A member added with the membership id returned (seed.ts's seedMember returns the user only).
export async function seedMembership(workspaceId: string, role: Role, scope?: { sourceIds: string[] }) {
  const user = await seedUser(role.toLowerCase());
  const m = await addMember({
    workspaceId, email: user.email, role, allSources: !scope, sourceIds: scope?.sourceIds ?? [], actor: systemActor,
  });
  return { user, membershipId: m.id };
}

export async function seedInvitation(workspaceId: string, invitedById: string, email = uniqueEmail("invitee"), role: Role = "READONLY") {
  const inv = await createInvitation({ workspaceId, invitedById, email, role, actor: systemActor });
  return { ...inv, token: new URL(inv.link).pathname.split("/").pop()! };
}

export async function seedApiToken(workspaceId: string, createdById: string, role: Exclude<Role, "OWNER"> = "ADMIN") {
  return createApiToken({ workspaceId, createdById, name: `token ${role.toLowerCase()}`, role, actor: systemActor });
}
