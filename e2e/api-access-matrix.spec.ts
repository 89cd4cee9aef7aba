// The access matrix: every route under app/api (listed in e2e/support/route-manifest.ts), over real HTTP against
// the running console, for every kind of caller. Expectations come from lib/permissions/permissions.ts, so the
// permission table stays the single source of truth: change the table and this suite follows it.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { systemActor } from "@/domain/actor";
import { revokeApiToken } from "@/domain/tokens/revoke-api-token";
import { disconnectPrisma, getPrisma } from "@/lib/db/prisma";
import { createId } from "@/lib/ids/create-id";
import { ERROR_STATUS } from "@/lib/errors/app-error";
import type { Role } from "@/lib/generated/prisma/enums";
import { can, PERMISSIONS, roleCan, ROLES, type Action, type Grant } from "@/lib/permissions/permissions";
import { loginViaApi } from "./support/login";
import { PARAM_FIXTURES, ROUTES, seedDestination, type FixtureContext, type HttpMethod, type RouteEntry } from "./support/route-manifest";
import { seedUser, seedWorkspace } from "./support/seed";
import { seedApiToken, seedMembership, seedSource } from "./support/seed-access";

const API_DIR = fileURLToPath(new URL("../app/api", import.meta.url));
const METHODS: HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
const FOREIGN_ORIGIN = "https://evil.example";
// A stack frame, a source path or a dependency path in a response body means an error leaked its internals.
const LEAK = /\n\s+at\s|\bat\s+\S+\s+\(\S+:\d+:\d+\)|node_modules|\.tsx?:\d+|\/work\/|PrismaClient|prisma\.\w+\.\w+\(/;

// ---------------------------------------------------------------------------------------------------------------
// Which routes exist: every route.ts under app/api and the HTTP methods it exports.

type Discovered = { method: HttpMethod; path: string; file: string; auth?: string };

function discoverRoutes(): Discovered[] {
  const out: Discovered[] = [];
  for (const rel of fs.readdirSync(API_DIR, { recursive: true }) as string[]) {
    if (!/(^|[\\/])route\.(ts|tsx|js|mjs)$/.test(rel)) continue;
    const file = path.join(API_DIR, rel);
    const source = fs.readFileSync(file, "utf8");
    const dir = path.dirname(rel).split(path.sep).filter((seg) => seg !== "." && !/^\(.*\)$/.test(seg));
    const routePath = ["/api", ...dir].join("/");
    const exported = new Set<string>();
    for (const m of source.matchAll(/export\s+(?:const|let|var)\s+([A-Z]+)\b/g)) exported.add(m[1]);
    for (const m of source.matchAll(/export\s+(?:async\s+)?function\s+([A-Z]+)\b/g)) exported.add(m[1]);
    for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
      for (const item of m[1].split(",")) {
        const exportedName = item.trim().split(/\s+as\s+/).pop()?.trim();
        if (exportedName) exported.add(exportedName);
      }
    }
    for (const method of METHODS) {
      if (!exported.has(method)) continue;
      // What the file hands apiRoute() for this method, when written the usual way.
      const decl = new RegExp(`export\\s+const\\s+${method}\\s*=\\s*apiRoute\\(\\s*\\{\\s*auth:\\s*(?:"([a-z]+)"|\\{\\s*action:\\s*"([^"]+)"\\s*\\})`).exec(source);
      out.push({ method, path: routePath, file: path.relative(process.cwd(), file), auth: decl ? decl[1] ?? decl[2] : undefined });
    }
  }
  return out;
}

const keyOf = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
const paramNames = (p: string) => [...p.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]);
const actionOf = (r: RouteEntry): Action | undefined => (typeof r.auth === "object" ? r.auth.action : undefined);
const isWrite = (r: RouteEntry) => r.method !== "GET" && r.method !== "HEAD" && r.method !== "OPTIONS";
const authLabel = (r: RouteEntry) => (typeof r.auth === "object" ? r.auth.action : r.auth);
// The route's own fixture for a param when it has one, else the shared one.
const fixtureFor = (r: RouteEntry, p: string) => r.params?.[p] ?? PARAM_FIXTURES[p];

test.describe("route manifest", () => {
  test("lists every route under app/api, and only those", () => {
    const discovered = discoverRoutes();
    expect(discovered.length).toBeGreaterThan(0);
    const listed = new Set(ROUTES.map(keyOf));
    const missing = discovered.filter((d) => !listed.has(keyOf(d))).map((d) => `${keyOf(d)}  (${d.file})`);
    expect(missing, "routes missing from e2e/support/route-manifest.ts: add an entry for each").toEqual([]);
    const existing = new Set(discovered.map(keyOf));
    expect(ROUTES.filter((r) => !existing.has(keyOf(r))).map(keyOf), "manifest entries with no route").toEqual([]);
    const dupes = ROUTES.map(keyOf).filter((k, i, all) => all.indexOf(k) !== i);
    expect(dupes, "duplicate manifest entries").toEqual([]);
    // The manifest says what the route file says.
    const mismatched = discovered
      .filter((d) => d.auth !== undefined)
      .map((d) => ({ d, entry: ROUTES.find((r) => keyOf(r) === keyOf(d)) }))
      .filter(({ d, entry }) => entry && authLabel(entry) !== d.auth)
      .map(({ d, entry }) => `${keyOf(d)}: route says ${d.auth}, manifest says ${authLabel(entry!)}`);
    expect(mismatched).toEqual([]);
  });

  test("gives every route what the matrix needs", () => {
    const problems: string[] = [];
    for (const r of ROUTES) {
      if (r.auth === "next-auth") continue;
      for (const p of paramNames(r.path)) {
        if (p !== "workspaceId" && !fixtureFor(r, p)) problems.push(`${keyOf(r)}: no fixture for [${p}] in PARAM_FIXTURES`);
      }
      const inWorkspace = r.path.startsWith("/api/workspaces/[workspaceId]");
      if (inWorkspace !== (typeof r.auth === "object")) problems.push(`${keyOf(r)}: workspace routes, and only they, need a permission action`);
      const action = actionOf(r);
      if (action && !(action in PERMISSIONS)) problems.push(`${keyOf(r)}: unknown action ${action}`);
      const scopedAction = action ? Boolean((PERMISSIONS[action] as { sourceScoped?: boolean }).sourceScoped) : false;
      if (r.path.includes("[sourceId]") && scopedAction && !r.sourceScoped) problems.push(`${keyOf(r)}: acts on one source: set sourceScoped`);
      if (r.sourceScoped && !r.path.includes("[sourceId]")) problems.push(`${keyOf(r)}: sourceScoped needs a [sourceId] in the path`);
      if (r.path.includes("[destinationId]") && !r.destinationScoped) problems.push(`${keyOf(r)}: acts on one destination: set destinationScoped`);
      if (r.destinationScoped && !r.path.includes("[destinationId]")) problems.push(`${keyOf(r)}: destinationScoped needs a [destinationId] in the path`);
      if (isWrite(r) && r.method !== "DELETE" && r.body === undefined && r.auth !== "user") {
        // Writes without a body are fine only when the route reads none; flag it so the author decides.
        if (!["POST /api/invitations/[token]"].includes(keyOf(r))) problems.push(`${keyOf(r)}: a write with no sample body`);
      }
    }
    expect(problems).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The world: workspace A with a member of every role (and source-scoped ones), workspace B whose Owner attacks A,
// a user with no workspace, API tokens, and a revoked token.

type Caller = { label: string; api: APIRequestContext; grant: Grant; user: { id: string; email: string } };

type World = {
  baseURL: string;
  anon: APIRequestContext;
  // destOut: a destination connected to srcOut only; destShared: connected to srcIn and srcOut.
  a: { id: string; ownerId: string; srcIn: string; srcOut: string; destOut: string; destShared: string };
  b: { id: string; ownerId: string; src: string };
  callers: Caller[]; // members of A: every role with all sources, then the scoped source roles
  owner: Caller; // A's Owner
  readonly: Caller;
  scoped: Caller[]; // Source Admin and Source Read-only of A, scoped to srcIn only
  attacker: Caller; // B's Owner
  plain: Caller; // signed in, member of nothing
  tokens: { role: Exclude<Role, "OWNER">; token: string }[]; // API tokens of A
  tokenB: string;
  revokedToken: string;
  contexts: APIRequestContext[];
};

let world: World;

async function buildWorld(playwright: PlaywrightLike, baseURL: string | undefined): Promise<World> {
  const base = baseURL ?? "http://localhost:3100";
  const contexts: APIRequestContext[] = [];
  const newContext = async () => {
    const c = await playwright.request.newContext({ baseURL: base });
    contexts.push(c);
    return c;
  };
  const signedIn = async (label: string, user: { id: string; email: string }, grant: Grant): Promise<Caller> => {
    const api = await newContext();
    await loginViaApi(api, user.email);
    return { label, api, grant, user: { id: user.id, email: user.email } };
  };

  const A = await seedWorkspace("Matrix A");
  const srcIn = await seedSource(A.workspace.id, "In scope");
  const srcOut = await seedSource(A.workspace.id, "Out of scope");
  const destOut = (await seedDestination(srcOut.id, true)).destinationId;
  const destShared = (await seedDestination(srcIn.id, true)).destinationId;
  await connectAlso(destShared, srcOut.id);
  const B = await seedWorkspace("Matrix B");
  const srcB = await seedSource(B.workspace.id, "B's source");

  const owner = await signedIn("Owner", A.owner, { role: "OWNER", allSources: true, sourceIds: [] });
  const callers: Caller[] = [owner];
  for (const role of ROLES.filter((r) => r !== "OWNER")) {
    const m = await seedMembership(A.workspace.id, role);
    callers.push(await signedIn(role, m.user, { role, allSources: true, sourceIds: [] }));
  }
  const scoped: Caller[] = [];
  for (const role of ["SOURCE_ADMIN", "SOURCE_READONLY"] as const) {
    const m = await seedMembership(A.workspace.id, role, { sourceIds: [srcIn.id] });
    scoped.push(await signedIn(`${role} scoped to one source`, m.user, { role, allSources: false, sourceIds: [srcIn.id] }));
  }
  callers.push(...scoped);
  const attacker = await signedIn("Owner of workspace B", B.owner, { role: "OWNER", allSources: true, sourceIds: [] });
  const plainUser = await seedUser("plain");
  const plain = await signedIn("user without a workspace", plainUser, { role: "READONLY", allSources: false, sourceIds: [] });

  const tokens: World["tokens"] = [];
  for (const role of ROLES.filter((r): r is Exclude<Role, "OWNER"> => r !== "OWNER")) {
    tokens.push({ role, token: (await seedApiToken(A.workspace.id, A.owner.id, role)).token });
  }
  const tokenB = (await seedApiToken(B.workspace.id, B.owner.id, "ADMIN")).token;
  const revoked = await seedApiToken(A.workspace.id, A.owner.id, "ADMIN");
  await revokeApiToken({ workspaceId: A.workspace.id, tokenId: revoked.id, actor: systemActor });

  return {
    baseURL: base,
    anon: await newContext(),
    a: { id: A.workspace.id, ownerId: A.owner.id, srcIn: srcIn.id, srcOut: srcOut.id, destOut, destShared },
    b: { id: B.workspace.id, ownerId: B.owner.id, src: srcB.id },
    callers,
    owner,
    readonly: callers.find((c) => c.label === "READONLY")!,
    scoped,
    attacker,
    plain,
    tokens,
    tokenB,
    revokedToken: revoked.token,
    contexts,
  };
}

type PlaywrightLike = { request: { newContext(o: { baseURL: string }): Promise<APIRequestContext> } };

// ---------------------------------------------------------------------------------------------------------------
// Calling a route.

type CallOptions = {
  api: APIRequestContext;
  // The workspace in the URL (defaults to A).
  workspaceId?: string;
  // Where fixture rows are created (defaults to A, with its in-scope source).
  fixtures?: Partial<FixtureContext>;
  caller?: Caller;
  // "same": the console's own Origin; a string: that Origin; null: no Origin header at all.
  origin?: "same" | string | null;
  bearer?: string;
  rawBody?: string;
  // Path params already made (otherwise each comes fresh from its fixture).
  params?: Record<string, string>;
};

type Result = { status: number; text: string; url: string; label: string };

function fixtureContext(o: CallOptions): FixtureContext {
  return {
    workspaceId: world.a.id,
    ownerId: world.a.ownerId,
    sourceId: world.a.srcIn,
    caller: o.caller ? { userId: o.caller.user.id, email: o.caller.user.email } : undefined,
    ...o.fixtures,
  };
}

async function call(route: RouteEntry, o: CallOptions): Promise<Result> {
  const ctx = fixtureContext(o);
  let url = route.path;
  for (const p of paramNames(route.path)) {
    const value = p === "workspaceId" ? (o.workspaceId ?? world.a.id) : (o.params?.[p] ?? (await fixtureFor(route, p)(ctx)));
    url = url.replace(new RegExp(`\\[(\\.\\.\\.)?${p}\\]`), encodeURIComponent(value));
  }
  const headers: Record<string, string> = {};
  const origin = o.origin === undefined ? (isWrite(route) ? "same" : null) : o.origin;
  if (origin === "same") headers.origin = new URL(world.baseURL).origin;
  else if (origin) headers.origin = origin;
  if (o.bearer) headers.authorization = `Bearer ${o.bearer}`;
  let data: unknown = undefined;
  if (o.rawBody !== undefined) {
    data = o.rawBody;
    headers["content-type"] = "application/json";
  } else if (route.body) data = await route.body(ctx);
  const res = await o.api.fetch(url, { method: route.method, headers, data, maxRedirects: 0, failOnStatusCode: false });
  const label = `${route.method} ${url} as ${o.caller?.label ?? (o.bearer ? "API token" : "anonymous")}`;
  return { status: res.status(), text: await res.text(), url, label };
}

function expectOk(r: Result) {
  expect(r.status, `${r.label} → ${r.status} ${r.text.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
  expect(r.status, `${r.label} → ${r.status} ${r.text.slice(0, 300)}`).toBeLessThan(300);
}

// An error with the given status, in the one wire shape, leaking nothing.
function expectError(r: Result, status: number) {
  expect(r.status, `${r.label} → ${r.status} ${r.text.slice(0, 300)}`).toBe(status);
  let body: { error?: { code?: string; message?: string } };
  try {
    body = JSON.parse(r.text);
  } catch {
    throw new Error(`${r.label}: error body is not JSON: ${r.text.slice(0, 300)}`);
  }
  expect(Object.keys(body), `${r.label}: ${r.text}`).toEqual(["error"]);
  expect(Object.keys(body.error!).filter((k) => k !== "details").sort(), r.label).toEqual(["code", "message"]);
  expect(typeof body.error!.message === "string" && body.error!.message.length > 0, r.label).toBe(true);
  expect(ERROR_STATUS[body.error!.code as keyof typeof ERROR_STATUS], `${r.label}: code ${body.error!.code}`).toBe(status);
  expect(r.text, `${r.label}: the error body leaks internals`).not.toMatch(LEAK);
}

// Everything a refused request must leave as it was. Every change a route makes writes an audit entry, so the
// audit count catches changes to tables not listed here.
async function snapshot() {
  const db = getPrisma();
  const [users, workspaces, memberships, openInvitations, activeTokens, auditEntries, sources, liveWriteKeys, a, b, membersOfA] = await Promise.all([
    db.user.count(),
    db.workspace.count(),
    db.membership.count(),
    db.invitation.count({ where: { acceptedAt: null, revokedAt: null } }),
    db.apiToken.count({ where: { revokedAt: null } }),
    db.auditLog.count(),
    db.source.count(),
    db.writeKey.count({ where: { revokedAt: null } }),
    db.workspace.findUnique({ where: { id: world.a.id }, select: { name: true, tier: true, customMtuLimit: true, customDestinationLimit: true } }),
    db.workspace.findUnique({ where: { id: world.b.id }, select: { name: true, tier: true, customMtuLimit: true, customDestinationLimit: true } }),
    db.membership.findMany({ where: { workspaceId: world.a.id }, select: { id: true, role: true, allSources: true, sourceIds: true }, orderBy: { id: "asc" } }),
  ]);
  return { users, workspaces, memberships, openInvitations, activeTokens, auditEntries, sources, liveWriteKeys, a, b, membersOfA };
}

// A refused call changes nothing: its fixtures are made first, then the data is compared before and after.
async function refusedExactly(route: RouteEntry, o: CallOptions, status: number) {
  const ctx = fixtureContext(o);
  const params: Record<string, string> = {};
  for (const p of paramNames(route.path)) if (p !== "workspaceId") params[p] = o.params?.[p] ?? (await fixtureFor(route, p)(ctx));
  const before = await snapshot();
  const r = await call(route, { ...o, params });
  expectError(r, status);
  expect(await snapshot(), `${r.label} changed data`).toEqual(before);
  return r;
}

// ---------------------------------------------------------------------------------------------------------------
// Destinations reach sources through their connections (domain/destinations/destination-reach.ts).

// Connects the destination to the source too (a row, as the fixtures make them), and returns the connection id.
async function connectAlso(destinationId: string, sourceId: string): Promise<string> {
  const db = getPrisma();
  const d = await db.destination.findUniqueOrThrow({ where: { id: destinationId }, select: { workspaceId: true } });
  const existing = await db.connection.findFirst({ where: { workspaceId: d.workspaceId, destinationId, sourceId } });
  if (existing) return existing.id;
  const id = createId({ kind: "connection" });
  await db.connection.create({ data: { id, workspaceId: d.workspaceId, sourceId, destinationId } });
  return id;
}

// A dead letter and a delivery sample (both hold an event) on a connection, for the lists to show or hide.
async function seedDeliveryRows(workspaceId: string, destinationId: string, connectionId: string) {
  const db = getPrisma();
  await db.$executeRaw`INSERT INTO eventlog.dead_letters (workspace_id, destination_id, connection_id, seq, message_id, event, attempts, first_failed_at)
    VALUES (${workspaceId}, ${destinationId}, ${connectionId}, 1, ${`dl-${connectionId}`}, '{"type":"track"}'::jsonb, 5, now())`;
  await db.$executeRaw`INSERT INTO eventlog.delivery_samples (workspace_id, destination_id, connection_id, outcome, message_id, event)
    VALUES (${workspaceId}, ${destinationId}, ${connectionId}, 'dead_lettered', ${`sample-${connectionId}`}, '{"type":"track"}'::jsonb)`;
}

// The route's params with its [destinationId] connected to `sources` (the route's own fixture first, so a child
// such as a filter belongs to it; a destination it made unconnected gets connected), every other param as usual
// (for the in-scope source). Each connection gets a dead letter and a sample.
async function destinationParams(route: RouteEntry, sources: string[]): Promise<{ params: Record<string, string>; connectionIds: Record<string, string> }> {
  const params: Record<string, string> = {};
  const connectionIds: Record<string, string> = {};
  for (const p of paramNames(route.path)) {
    if (p === "workspaceId") continue;
    const ctx = fixtureContext({ api: world.owner.api, fixtures: p === "destinationId" ? { sourceId: sources[0] } : {} });
    params[p] = await fixtureFor(route, p)(ctx);
  }
  for (const sourceId of sources) {
    connectionIds[sourceId] = await connectAlso(params.destinationId, sourceId);
    await seedDeliveryRows(world.a.id, params.destinationId, connectionIds[sourceId]);
  }
  return { params, connectionIds };
}

// ---------------------------------------------------------------------------------------------------------------
// The matrix. (The manifest checks above read files only; this part needs the seeded world and the console.)

test.describe("access matrix", () => {
  test.beforeAll(async ({ playwright, baseURL }) => {
    test.setTimeout(180_000);
    world = await buildWorld(playwright, baseURL);
  });

  test.afterAll(async () => {
    for (const c of world?.contexts ?? []) await c.dispose();
    await disconnectPrisma();
  });

  registerMatrix();
});

function registerMatrix() {

  const workspaceRoutes = ROUTES.filter((r) => typeof r.auth === "object");
  const userRoutes = ROUTES.filter((r) => r.auth === "user");
  const publicRoutes = ROUTES.filter((r) => r.auth === "public");

  for (const route of workspaceRoutes) {
    const action = actionOf(route)!;
    const childParams = paramNames(route.path).filter((p) => p !== "workspaceId");

    test.describe(`${route.method} ${route.path} (${action})`, () => {
      test("signed out: 401", async () => {
        await refusedExactly(route, { api: world.anon }, 401);
      });

      test("member of another workspace: 404, and the other workspace is untouched", async () => {
        await refusedExactly(route, { api: world.attacker.api, caller: world.attacker }, 404);
        // B's own workspace in the URL, A's rows in the path: still not B's.
        if (childParams.length > 0) {
          await refusedExactly(route, { api: world.attacker.api, caller: world.attacker, workspaceId: world.b.id }, 404);
        }
        // A workspace that does not exist reads the same as one that is not yours.
        await refusedExactly(route, { api: world.attacker.api, caller: world.attacker, workspaceId: "ws_doesnotexist" }, 404);
      });

      test("each role: 403 exactly where the permission table says", async () => {
        for (const caller of world.callers) {
          if (can(caller.grant, action)) expectOk(await call(route, { api: caller.api, caller }));
          else await refusedExactly(route, { api: caller.api, caller }, 403);
        }
      });

      test("API tokens: as the permission table says; another workspace's token 404; revoked or unknown 401", async () => {
        for (const { role, token } of world.tokens) {
          if (can({ role, allSources: true, sourceIds: [] }, action)) expectOk(await call(route, { api: world.anon, bearer: token, origin: null }));
          else await refusedExactly(route, { api: world.anon, bearer: token, origin: null }, 403);
        }
        await refusedExactly(route, { api: world.anon, bearer: world.tokenB, origin: null }, 404);
        await refusedExactly(route, { api: world.anon, bearer: world.revokedToken, origin: null }, 401);
        await refusedExactly(route, { api: world.anon, bearer: "syt_not-a-real-token", origin: null }, 401);
      });

      // Every write needs a permission Read-only lacks; a POST that only reads (preview) is allowed by the table.
      if (isWrite(route) && typeof route.auth === "object" && !roleCan("READONLY", route.auth.action)) {
        test("Read-only member: 403", async () => {
          await refusedExactly(route, { api: world.readonly.api, caller: world.readonly }, 403);
          const token = world.tokens.find((t) => t.role === "READONLY")!.token;
          await refusedExactly(route, { api: world.anon, bearer: token, origin: null }, 403);
        });

        test("cookie-authenticated write from a foreign Origin, or with none: 403", async () => {
          await refusedExactly(route, { api: world.owner.api, caller: world.owner, origin: FOREIGN_ORIGIN }, 403);
          await refusedExactly(route, { api: world.owner.api, caller: world.owner, origin: null }, 403);
        });
      }

      if (route.body) {
        test("malformed or invalid body: 400 in the error shape", async () => {
          await refusedExactly(route, { api: world.owner.api, caller: world.owner, rawBody: "{not json" }, 400);
          const r = await refusedExactly(route, { api: world.owner.api, caller: world.owner, rawBody: "[]" }, 400);
          expect(JSON.parse(r.text).error.code).toBe("validation_failed");
        });
      }

      if (route.sourceScoped) {
        test("member scoped to other sources: 404 on a source outside its scope", async () => {
          for (const caller of world.scoped) {
            const status = can(caller.grant, action) ? 404 : 403;
            await refusedExactly(route, { api: caller.api, caller, fixtures: { sourceId: world.a.srcOut } }, status);
          }
          // And another workspace's source through A's URL is nobody's in A.
          await refusedExactly(route, { api: world.owner.api, caller: world.owner, fixtures: { sourceId: world.b.src } }, 404);
        });
      }

      if (route.destinationScoped) {
        test("member scoped to other sources: 404 on a destination connected only to a source outside its scope", async () => {
          for (const caller of world.scoped) {
            const status = can(caller.grant, action) ? 404 : 403;
            const { params } = await destinationParams(route, [world.a.srcOut]);
            await refusedExactly(route, { api: caller.api, caller, params }, status);
          }
        });

        test("member scoped to some sources, on a destination shared with other sources: reads only its own; writes 404", async () => {
          for (const caller of world.scoped) {
            const { params, connectionIds } = await destinationParams(route, [world.a.srcIn, world.a.srcOut]);
            if (!can(caller.grant, action)) {
              await refusedExactly(route, { api: caller.api, caller, params }, 403);
            } else if (action === "destinations.write") {
              await refusedExactly(route, { api: caller.api, caller, params }, 404);
            } else {
              const r = await call(route, { api: caller.api, caller, params });
              expectOk(r);
              // Nothing of the other source: not its id, not its connection (whose dead letters and samples hold events).
              expect(r.text, `${r.label} shows the out-of-scope source`).not.toContain(world.a.srcOut);
              expect(r.text, `${r.label} shows the out-of-scope connection`).not.toContain(connectionIds[world.a.srcOut]);
            }
          }
          // A member not limited to a list of sources reads all of it (its writes: the role checks above).
          if (action === "destinations.read") {
            const { params, connectionIds } = await destinationParams(route, [world.a.srcIn, world.a.srcOut]);
            const r = await call(route, { api: world.owner.api, caller: world.owner, params });
            expectOk(r);
            if (route.method === "GET") expect(r.text, r.label).toContain(connectionIds[world.a.srcOut]);
          }
        });
      }

      if (route.sourceIdsIn) {
        test("member scoped to some sources sees only those", async () => {
          for (const caller of world.scoped) {
            if (!can(caller.grant, action)) continue;
            const r = await call(route, { api: caller.api, caller });
            expectOk(r);
            const ids = route.sourceIdsIn!(JSON.parse(r.text));
            expect(ids.filter((id) => !caller.grant.sourceIds.includes(id)), r.label).toEqual([]);
          }
        });
      }
    });
  }

  for (const route of userRoutes) {
    test.describe(`${route.method} ${route.path} (signed-in user)`, () => {
      test("signed out: 401; API token: 403; signed in: 2xx", async () => {
        await refusedExactly(route, { api: world.anon }, 401);
        await refusedExactly(route, { api: world.anon, bearer: world.tokens[0].token, origin: null }, 403);
        await refusedExactly(route, { api: world.anon, bearer: world.revokedToken, origin: null }, 401);
        expectOk(await call(route, { api: world.plain.api, caller: world.plain }));
      });

      if (isWrite(route)) {
        test("cookie-authenticated write from a foreign Origin, or with none: 403", async () => {
          await refusedExactly(route, { api: world.plain.api, caller: world.plain, origin: FOREIGN_ORIGIN }, 403);
          await refusedExactly(route, { api: world.plain.api, caller: world.plain, origin: null }, 403);
        });
      }
    });
  }

  for (const route of publicRoutes) {
    test.describe(`${route.method} ${route.path} (public)`, () => {
      test("signed out: 2xx", async () => {
        expectOk(await call(route, { api: world.anon }));
      });

      if (isWrite(route)) {
        test("write from a foreign Origin: 403", async () => {
          await refusedExactly(route, { api: world.anon, origin: FOREIGN_ORIGIN }, 403);
        });
      }
    });
  }

  test.describe("destinations of a member scoped to some sources", () => {
    test("the list leaves out those connected only to other sources, and the other sources' connections", async () => {
      const route = ROUTES.find((r) => keyOf(r) === "GET /api/workspaces/[workspaceId]/destinations")!;
      type Listed = { destinations: { id: string; connections: { sourceId: string }[] }[] };
      for (const caller of world.scoped) {
        const r = await call(route, { api: caller.api, caller });
        expectOk(r);
        const { destinations } = JSON.parse(r.text) as Listed;
        expect(destinations.map((d) => d.id), r.label).not.toContain(world.a.destOut);
        expect(destinations.find((d) => d.id === world.a.destShared)?.connections.map((c) => c.sourceId), r.label).toEqual([world.a.srcIn]);
      }
      const r = await call(route, { api: world.owner.api, caller: world.owner });
      const { destinations } = JSON.parse(r.text) as Listed;
      expect(destinations.map((d) => d.id)).toEqual(expect.arrayContaining([world.a.destOut, world.a.destShared]));
      expect(destinations.find((d) => d.id === world.a.destShared)!.connections.map((c) => c.sourceId).sort()).toEqual([world.a.srcIn, world.a.srcOut].sort());
    });
  });

  test.describe("errors", () => {
    test("an unknown invitation link is a 404 in the error shape", async () => {
      const route = ROUTES.find((r) => keyOf(r) === "GET /api/invitations/[token]")!;
      expectError(await call(route, { api: world.anon, params: { token: "not-a-real-invitation" } }), 404);
    });

    test("a session for a user who no longer exists is 401", async ({ playwright }) => {
      const gone = await seedUser("deleted");
      const api = await playwright.request.newContext({ baseURL: world.baseURL });
      world.contexts.push(api);
      await loginViaApi(api, gone.email);
      await getPrisma().user.delete({ where: { id: gone.id } });
      const route = ROUTES.find((r) => keyOf(r) === "GET /api/me/workspaces")!;
      expectError(await call(route, { api }), 401);
    });
  });
}
