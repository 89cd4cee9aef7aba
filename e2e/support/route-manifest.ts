// THE LIST OF EVERY HTTP ROUTE UNDER app/api. KEEP IT COMPLETE.
//
// e2e/api-access-matrix.spec.ts reads every app/api/**/route.ts, works out which HTTP methods it exports, and
// FAILS if one of them is missing here (or if an entry here has no route any more). From this list it checks, over
// real HTTP against the running console: signed out → 401; a member of another workspace → 404 with nothing
// changed; each role → 403 exactly where lib/permissions/permissions.ts says (allowed roles must get a 2xx with the
// sample body); Read-only → 403 on every write; API tokens as the table says, of another workspace → 404, revoked
// → 401; a cookie write with a foreign Origin → 403; source-scoped routes → 404 for a Source Admin / Source
// Read-only scoped to other sources; destination routes → 404 for them on a destination connected only to other
// sources (and, on one shared with other sources, reads only); and that every error body is
// { error: { code, message } } with no stack.
//
// Adding a route? Add one entry per exported method:
//   - path: the folder path, exactly as on disk ("/api/workspaces/[workspaceId]/sources/[sourceId]").
//   - auth: what the route gives apiRoute(): "public", "user", or { action } from the permission table.
//   - body: a valid sample body (a function, so every call can use fresh values). Roles allowed by the table must
//     get a 2xx with it, so make it valid for a freshly created fixture.
//   - every [param] must have a fixture in PARAM_FIXTURES: a function that creates a fresh row in the given
//     workspace and returns its id (each call gets fresh rows, so DELETE and PATCH can run once per role).
//   - sourceScoped: true when the route acts on one source named by [sourceId] with a source-scoped action; the
//     matrix then checks a member scoped to other sources gets 404. (The matrix fails if a route with [sourceId]
//     and a source-scoped action forgets this.)
//   - destinationScoped: true when the route acts on one destination named by [destinationId]. A destination
//     reaches the sources it is connected to (domain/destinations/destination-reach.ts): the matrix checks that a
//     member scoped to other sources gets 404 on a destination connected only to a source outside its scope, and
//     on a destination connected to one of its sources and one outside, may read (seeing only its own) but gets
//     404 on every write. (The matrix fails if a route with [destinationId] forgets this.)
//   - sourceIdsIn: for routes that list sources (or things of sources), how to read the source ids out of the
//     response; a scoped member must see only its own sources.
//   - params: this route's own fixture for a [param], in place of PARAM_FIXTURES (e.g. a route that deletes the
//     source it names needs a fresh one per call).
import { randomToken } from "@/lib/crypto/tokens";
import { encryptSecret } from "@/lib/crypto/encrypt-secret";
import { getPrisma } from "@/lib/db/prisma";
import { createId } from "@/lib/ids/create-id";
import { roleCan, type Action } from "@/lib/permissions/permissions";
import { seedApiToken, seedInvitation, seedMembership, seedSource, seedWriteKey } from "./seed-access";
import { seedWorkspace, uniqueEmail } from "./seed";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS";

// What a fixture or a body gets to work with.
export type FixtureContext = {
  // The workspace the fixture rows are created in (not necessarily the one in the URL).
  workspaceId: string;
  // A user of that workspace allowed to create things there (its Owner).
  ownerId: string;
  // A source of that workspace, inside the scope of the scoped members (or outside, for the scope check).
  sourceId: string;
  // The signed-in caller, when there is one.
  caller?: { userId: string; email: string };
};

export type ParamFixture = (ctx: FixtureContext) => Promise<string>;

export type RouteEntry = {
  method: HttpMethod;
  path: string;
  // "next-auth": next-auth's own endpoints, outside apiRoute(); listed so the completeness check passes.
  auth: "public" | "user" | "next-auth" | { action: Action };
  body?: (ctx: FixtureContext) => unknown | Promise<unknown>;
  sourceScoped?: boolean;
  destinationScoped?: boolean;
  sourceIdsIn?: (json: unknown) => string[];
  params?: Record<string, ParamFixture>;
};

// One fixture per path parameter name. workspaceId is filled in by the matrix itself.
export const PARAM_FIXTURES: Record<string, ParamFixture> = {
  membershipId: async ({ workspaceId }) => (await seedMembership(workspaceId, "READONLY")).membershipId,
  invitationId: async ({ workspaceId, ownerId }) => (await seedInvitation(workspaceId, ownerId)).id,
  tokenId: async ({ workspaceId, ownerId }) => (await seedApiToken(workspaceId, ownerId, "READONLY")).id,
  // An invitation link for the caller (so accepting it can succeed), or for a stranger when signed out. It is to
  // a workspace of its own, so the same caller can be invited again by the next check.
  token: async ({ caller }) => {
    const { workspace, owner } = await seedWorkspace("Inviting workspace");
    return (await seedInvitation(workspace.id, owner.id, caller?.email ?? uniqueEmail("stranger"))).token;
  },
  sourceId: async ({ sourceId }) => sourceId,
  // A webhook destination connected to the context's source (the workspace of that source).
  destinationId: async ({ sourceId }) => (await seedDestination(sourceId, true)).destinationId,
  // A fresh write key of the context's source (which may be another workspace's, for the cross-tenant checks).
  writeKeyId: async ({ sourceId }) => {
    const { workspaceId } = await getPrisma().source.findUniqueOrThrow({ where: { id: sourceId }, select: { workspaceId: true } });
    return (await seedWriteKey(workspaceId, sourceId)).id;
  },
};

// For routes that delete the source they name: a fresh source standing where ctx.sourceId stands (same workspace,
// and inside the caller's scope when ctx.sourceId is and the caller's role may change sources), so each call
// deletes its own and the shared fixtures survive.
const freshSourceLike: ParamFixture = async ({ sourceId, caller }) => {
  const db = getPrisma();
  const like = await db.source.findUniqueOrThrow({ where: { id: sourceId }, select: { workspaceId: true } });
  const fresh = await seedSource(like.workspaceId, "Source to delete");
  if (caller) {
    const m = await db.membership.findUnique({ where: { workspaceId_userId: { workspaceId: like.workspaceId, userId: caller.userId } } });
    if (m && !m.allSources && m.sourceIds.includes(sourceId) && roleCan(m.role, "sources.write")) {
      await db.membership.update({ where: { id: m.id }, data: { sourceIds: { push: fresh.id } } });
    }
  }
  return fresh.id;
};

// Destinations are seeded as rows (not through createDestination), so the Free tier's limit of 2 never gets in
// the way of a fixture. Filters and mappings of a destination are found through it, so they share its workspace.
export async function seedDestination(sourceId: string, connect: boolean) {
  const db = getPrisma();
  const { workspaceId } = await db.source.findUniqueOrThrow({ where: { id: sourceId }, select: { workspaceId: true } });
  const destinationId = createId({ kind: "destination" });
  await db.destination.create({
    data: {
      id: destinationId, workspaceId, type: "webhook", name: `Matrix destination ${randomToken(6)}`,
      settingsEncrypted: encryptSecret(JSON.stringify({ url: "https://example.com/hook", signingSecret: "matrix-signing-secret-0123" })),
    },
  });
  let connectionId: string | undefined;
  if (connect) {
    connectionId = createId({ kind: "connection" });
    await db.connection.create({ data: { id: connectionId, workspaceId, sourceId, destinationId } });
  }
  return { workspaceId, destinationId, connectionId };
}

// [destinationId] then [filterId] / [mappingId] (fixtures run in path order): the first makes a destination with
// a filter or mapping and the second hands back that child, so both ids belong together.
function destinationWith(child: "filter" | "mapping"): Record<string, ParamFixture> {
  let childId = "";
  const db = getPrisma();
  return {
    destinationId: async ({ sourceId }) => {
      const { destinationId, connectionId, workspaceId } = await seedDestination(sourceId, true);
      childId =
        child === "filter"
          ? (await db.filter.create({ data: { id: createId({ kind: "filter" }), workspaceId, connectionId: connectionId!, name: "Matrix filter", ifExpr: "event = 'x'", actions: [{ type: "DROP" }] } })).id
          : (await db.mapping.create({ data: { id: createId({ kind: "mapping" }), workspaceId, destinationId, name: "Matrix mapping", trigger: {}, fields: [{ to: "", from: { path: "" } }] } })).id;
      return destinationId;
    },
    [`${child}Id`]: async () => childId,
  };
}

const name = (label: string) => `${label} ${randomToken(6)}`;
const sourceIdsOf = (json: unknown) => (json as { sources: { id: string }[] }).sources.map((s) => s.id);
type ConnectionsOf = { connections: { sourceId: string }[] };
const connectedSourceIdsOf = (json: unknown) => (json as { destinations: ConnectionsOf[] }).destinations.flatMap((d) => d.connections.map((c) => c.sourceId));
const S = "/api/workspaces/[workspaceId]/sources";
const D = "/api/workspaces/[workspaceId]/destinations";
const MATRIX_MAPPING = { name: "Matrix mapping", trigger: { types: ["track"] }, fields: [{ to: "event_name", from: { path: "event" } }] };

export const ROUTES: RouteEntry[] = [
  { method: "GET", path: "/api/auth/[...nextauth]", auth: "next-auth" },
  { method: "POST", path: "/api/auth/[...nextauth]", auth: "next-auth" },

  { method: "GET", path: "/api/health", auth: "public" },
  { method: "POST", path: "/api/signup", auth: "public", body: () => ({ email: uniqueEmail("signup"), password: "matrix password 1" }) },
  { method: "GET", path: "/api/invitations/[token]", auth: "public" },
  { method: "POST", path: "/api/invitations/[token]", auth: "user" },

  { method: "GET", path: "/api/me/workspaces", auth: "user" },
  { method: "POST", path: "/api/me/workspaces", auth: "user", body: () => ({ name: name("Matrix workspace") }) },

  { method: "GET", path: "/api/workspaces/[workspaceId]", auth: { action: "workspace.read" } },
  { method: "PATCH", path: "/api/workspaces/[workspaceId]", auth: { action: "workspace.update" }, body: () => ({ name: name("Renamed") }) },

  { method: "GET", path: "/api/workspaces/[workspaceId]/audit-logs", auth: { action: "audit.read" } },

  { method: "GET", path: "/api/workspaces/[workspaceId]/billing", auth: { action: "billing.read" } },
  { method: "PUT", path: "/api/workspaces/[workspaceId]/billing", auth: { action: "billing.write" }, body: () => ({ tier: "TEAM" }) },

  { method: "GET", path: "/api/workspaces/[workspaceId]/members", auth: { action: "members.read" } },
  {
    method: "PATCH",
    path: "/api/workspaces/[workspaceId]/members/[membershipId]",
    auth: { action: "members.write" },
    body: () => ({ role: "ADMIN" }),
  },
  { method: "DELETE", path: "/api/workspaces/[workspaceId]/members/[membershipId]", auth: { action: "members.write" } },

  {
    method: "POST",
    path: "/api/workspaces/[workspaceId]/invitations",
    auth: { action: "members.write" },
    body: () => ({ email: uniqueEmail("invited"), role: "READONLY" }),
  },
  { method: "DELETE", path: "/api/workspaces/[workspaceId]/invitations/[invitationId]", auth: { action: "members.write" } },

  { method: "GET", path: "/api/workspaces/[workspaceId]/tokens", auth: { action: "tokens.read" } },
  {
    method: "POST",
    path: "/api/workspaces/[workspaceId]/tokens",
    auth: { action: "tokens.write" },
    body: () => ({ name: name("Matrix token"), role: "READONLY" }),
  },
  { method: "DELETE", path: "/api/workspaces/[workspaceId]/tokens/[tokenId]", auth: { action: "tokens.write" } },

  { method: "GET", path: S, auth: { action: "sources.read" }, sourceIdsIn: sourceIdsOf },
  { method: "POST", path: S, auth: { action: "sources.create" }, body: () => ({ name: name("Matrix source"), type: "HTTP" }) },
  { method: "GET", path: `${S}/[sourceId]`, auth: { action: "sources.read" }, sourceScoped: true },
  { method: "PATCH", path: `${S}/[sourceId]`, auth: { action: "sources.write" }, sourceScoped: true, body: () => ({ name: name("Renamed source") }) },
  { method: "DELETE", path: `${S}/[sourceId]`, auth: { action: "sources.write" }, sourceScoped: true, params: { sourceId: freshSourceLike } },
  { method: "GET", path: `${S}/[sourceId]/volume`, auth: { action: "sources.read" }, sourceScoped: true },
  { method: "GET", path: `${S}/[sourceId]/write-keys`, auth: { action: "writekeys.read" }, sourceScoped: true },
  { method: "POST", path: `${S}/[sourceId]/write-keys`, auth: { action: "writekeys.write" }, sourceScoped: true, body: () => ({}) },
  { method: "POST", path: `${S}/[sourceId]/write-keys/rotate`, auth: { action: "writekeys.write" }, sourceScoped: true, body: () => ({ graceHours: 24 }) },
  { method: "DELETE", path: `${S}/[sourceId]/write-keys/[writeKeyId]`, auth: { action: "writekeys.write" }, sourceScoped: true },

  {
    method: "GET",
    path: "/api/workspaces/[workspaceId]/usage",
    auth: { action: "usage.read" },
    sourceIdsIn: (json) => (json as { eventsPerDay: { sourceId: string }[] }).eventsPerDay.map((d) => d.sourceId),
  },

  // Destinations (issue 5).
  { method: "GET", path: D, auth: { action: "destinations.read" }, sourceIdsIn: connectedSourceIdsOf },
  {
    method: "POST",
    path: D,
    auth: { action: "destinations.write" },
    // The matrix creates one per allowed role: lift the Free tier's limit of 2 for this workspace first.
    body: async ({ workspaceId }: FixtureContext) => {
      await getPrisma().workspace.update({ where: { id: workspaceId }, data: { tier: "TEAM" } });
      return { type: "webhook", name: name("Matrix destination"), settings: { url: "https://example.com/hook" } };
    },
  },
  { method: "GET", path: `${D}/types`, auth: { action: "destinations.read" } },
  {
    method: "GET",
    path: `${D}/[destinationId]`,
    auth: { action: "destinations.read" },
    destinationScoped: true,
    sourceIdsIn: (json) => (json as { destination: ConnectionsOf }).destination.connections.map((c) => c.sourceId),
  },
  { method: "PATCH", path: `${D}/[destinationId]`, auth: { action: "destinations.write" }, destinationScoped: true, body: () => ({ name: name("Renamed destination") }) },
  { method: "DELETE", path: `${D}/[destinationId]`, auth: { action: "destinations.write" }, destinationScoped: true },
  {
    method: "POST",
    path: `${D}/[destinationId]/connections`,
    auth: { action: "destinations.write" },
    destinationScoped: true,
    params: { destinationId: async ({ sourceId }) => (await seedDestination(sourceId, false)).destinationId },
    body: ({ sourceId }) => ({ sourceId }),
  },
  { method: "DELETE", path: `${D}/[destinationId]/connections/[sourceId]`, auth: { action: "destinations.write" }, destinationScoped: true, sourceScoped: true },
  {
    method: "POST",
    path: `${D}/[destinationId]/connections/[sourceId]/filters`,
    auth: { action: "destinations.write" },
    destinationScoped: true,
    sourceScoped: true,
    body: () => ({ if: "event = 'Matrix'", actions: [{ type: "DROP" }] }),
  },
  {
    method: "PUT",
    path: `${D}/[destinationId]/filters/[filterId]`,
    auth: { action: "destinations.write" },
    destinationScoped: true,
    params: destinationWith("filter"),
    body: () => ({ if: "event = 'Matrix 2'", actions: [{ type: "DROP" }] }),
  },
  { method: "DELETE", path: `${D}/[destinationId]/filters/[filterId]`, auth: { action: "destinations.write" }, destinationScoped: true, params: destinationWith("filter") },
  { method: "POST", path: `${D}/[destinationId]/mappings`, auth: { action: "destinations.write" }, destinationScoped: true, body: () => MATRIX_MAPPING },
  { method: "PUT", path: `${D}/[destinationId]/mappings/[mappingId]`, auth: { action: "destinations.write" }, destinationScoped: true, params: destinationWith("mapping"), body: () => MATRIX_MAPPING },
  { method: "DELETE", path: `${D}/[destinationId]/mappings/[mappingId]`, auth: { action: "destinations.write" }, destinationScoped: true, params: destinationWith("mapping") },
  {
    method: "POST",
    path: `${D}/[destinationId]/preview`,
    auth: { action: "destinations.read" },
    destinationScoped: true,
    body: ({ sourceId }) => ({ sourceId, event: { type: "track", event: "Matrix", userId: "u1" } }),
  },
  { method: "GET", path: `${D}/[destinationId]/delivery`, auth: { action: "destinations.read" }, destinationScoped: true },
  { method: "GET", path: `${D}/[destinationId]/dead-letters`, auth: { action: "destinations.read" }, destinationScoped: true },
  { method: "POST", path: `${D}/[destinationId]/dead-letters/retry`, auth: { action: "destinations.write" }, destinationScoped: true, body: () => ({}) },
  { method: "POST", path: `${D}/[destinationId]/dead-letters/discard`, auth: { action: "destinations.write" }, destinationScoped: true, body: () => ({}) },

  // Live debugger: stream tokens for the collector (issue 4).
  { method: "POST", path: "/api/workspaces/[workspaceId]/debugger/token", auth: { action: "debugger.read" }, body: () => ({}) },
  {
    method: "POST",
    path: "/api/workspaces/[workspaceId]/debugger/sources/[sourceId]/token",
    auth: { action: "debugger.read" },
    sourceScoped: true,
    body: () => ({}),
  },
];
