import type { Role } from "../generated/prisma/enums";

// Who may do what. Code asks `can(role, action)`; it never compares role names itself.
// `sourceScoped`: for the source roles, the action also needs the source to be within the member's scope. A
// destination is not one source's: the destinations.* actions reach it through its connections (which sources it is
// connected to), see domain/destinations/destination-reach.ts.

const R = {
  OWNER: "OWNER",
  ADMIN: "ADMIN",
  SOURCE_ADMIN: "SOURCE_ADMIN",
  SOURCE_READONLY: "SOURCE_READONLY",
  TRACKING_PLAN_ADMIN: "TRACKING_PLAN_ADMIN",
  PRIVACY_ADMIN: "PRIVACY_ADMIN",
  READONLY: "READONLY",
} as const satisfies Record<Role, Role>;

const EVERYONE: Role[] = Object.values(R);
const MANAGERS: Role[] = [R.OWNER, R.ADMIN];

export const PERMISSIONS = {
  "workspace.read": { roles: EVERYONE },
  "workspace.update": { roles: MANAGERS },
  "workspace.delete": { roles: [R.OWNER] },
  "members.read": { roles: [R.OWNER, R.ADMIN, R.READONLY] },
  "members.write": { roles: [R.OWNER] },
  "billing.read": { roles: [R.OWNER, R.ADMIN, R.READONLY] },
  "billing.write": { roles: [R.OWNER] },
  "audit.read": { roles: [R.OWNER] },
  "tokens.read": { roles: [R.OWNER] },
  "tokens.write": { roles: [R.OWNER] },
  "usage.read": { roles: [R.OWNER, R.ADMIN, R.READONLY, R.SOURCE_ADMIN, R.SOURCE_READONLY] },
  "sources.read": { roles: [R.OWNER, R.ADMIN, R.READONLY, R.SOURCE_ADMIN, R.SOURCE_READONLY, R.TRACKING_PLAN_ADMIN], sourceScoped: true },
  // Creating a source needs a scope of all sources: a member scoped to a list could not see what it made.
  "sources.create": { roles: [R.OWNER, R.ADMIN, R.SOURCE_ADMIN], allSourcesOnly: true },
  "sources.write": { roles: [R.OWNER, R.ADMIN, R.SOURCE_ADMIN], sourceScoped: true },
  "writekeys.read": { roles: [R.OWNER, R.ADMIN, R.READONLY, R.SOURCE_ADMIN, R.SOURCE_READONLY], sourceScoped: true },
  "writekeys.write": { roles: [R.OWNER, R.ADMIN, R.SOURCE_ADMIN], sourceScoped: true },
  "debugger.read": { roles: [R.OWNER, R.ADMIN, R.SOURCE_ADMIN, R.SOURCE_READONLY], sourceScoped: true },
  "destinations.read": { roles: [R.OWNER, R.ADMIN, R.READONLY, R.SOURCE_ADMIN, R.SOURCE_READONLY], sourceScoped: true },
  "destinations.write": { roles: [R.OWNER, R.ADMIN, R.SOURCE_ADMIN], sourceScoped: true },
  "secrets.read": { roles: [R.OWNER, R.ADMIN, R.SOURCE_ADMIN], sourceScoped: true },
  "trackingplans.read": { roles: [R.OWNER, R.ADMIN, R.READONLY, R.TRACKING_PLAN_ADMIN, R.SOURCE_ADMIN, R.SOURCE_READONLY] },
  "trackingplans.write": { roles: [R.OWNER, R.ADMIN, R.TRACKING_PLAN_ADMIN] },
  "privacy.read": { roles: [R.OWNER, R.ADMIN, R.READONLY, R.PRIVACY_ADMIN] },
  "privacy.write": { roles: [R.OWNER, R.ADMIN, R.PRIVACY_ADMIN] },
} as const satisfies Record<string, { roles: readonly Role[]; sourceScoped?: boolean; allSourcesOnly?: boolean }>;

export type Action = keyof typeof PERMISSIONS;

// Roles whose reach is limited to a list of sources when the member is not scoped to all sources.
export const SOURCE_SCOPED_ROLES: readonly Role[] = [R.SOURCE_ADMIN, R.SOURCE_READONLY];

export type Grant = { role: Role; allSources: boolean; sourceIds: readonly string[] };

export function roleCan(role: Role, action: Action): boolean {
  return (PERMISSIONS[action].roles as readonly Role[]).includes(role);
}

export function isSourceLimited(grant: Grant): boolean {
  return SOURCE_SCOPED_ROLES.includes(grant.role) && !grant.allSources;
}

// Whether the grant allows the action at all (ignoring which source).
export function can(grant: Grant, action: Action): boolean {
  if (!roleCan(grant.role, action)) return false;
  const rule = PERMISSIONS[action] as { allSourcesOnly?: boolean };
  if (rule.allSourcesOnly && isSourceLimited(grant)) return false;
  return true;
}

// Whether the grant reaches this source (for source-scoped actions).
export function canOnSource(grant: Grant, action: Action, sourceId: string): boolean {
  if (!can(grant, action)) return false;
  const rule = PERMISSIONS[action] as { sourceScoped?: boolean };
  if (!rule.sourceScoped || !isSourceLimited(grant)) return true;
  return grant.sourceIds.includes(sourceId);
}

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  SOURCE_ADMIN: "Source Admin",
  SOURCE_READONLY: "Source Read-only",
  TRACKING_PLAN_ADMIN: "Tracking Plan Admin",
  PRIVACY_ADMIN: "Privacy Admin",
  READONLY: "Read-only",
};

export const ROLES: Role[] = EVERYONE;
