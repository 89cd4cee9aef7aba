import { NextResponse, type NextRequest } from "next/server";
import { z, ZodError } from "zod";
import type { Actor } from "@/domain/actor";
import { findGrant } from "@/domain/members/find-grant";
import { authenticateApiToken } from "@/domain/tokens/authenticate-api-token";
import { getSessionUser, type SessionUser } from "@/lib/auth/get-session-user";
import { AppError, forbidden, isAppError, notFound } from "@/lib/errors/app-error";
import { fromZodError } from "@/lib/errors/from-zod";
import { createId } from "@/lib/ids/create-id";
import { can, type Action, type Grant } from "@/lib/permissions/permissions";
import { logger } from "@/lib/log/logger";
import { checkSameOrigin } from "./check-same-origin";

// Every console route handler goes through apiRoute(): it authenticates (session cookie or API token), resolves
// the workspace from the path, checks the permission, parses input with zod, and maps every error to one shape.
// Auth is on by default; a public route says so with `auth: "public"`.

type Schema = z.ZodType;
type Infer<S> = S extends Schema ? z.infer<S> : undefined;

type AuthMode = "public" | "user" | { action: Action };

export type RouteOptions<B extends Schema | undefined, Q extends Schema | undefined> = {
  auth: AuthMode;
  body?: B;
  query?: Q;
};

export type RouteContext<B, Q> = {
  req: NextRequest;
  params: Record<string, string>;
  body: B;
  query: Q;
  requestId: string;
  // Set for "user" and workspace routes reached with a session.
  user: SessionUser | null;
  // Set for workspace routes.
  workspaceId: string;
  grant: Grant;
  actor: Actor;
};

type Handler<B, Q> = (ctx: RouteContext<B, Q>) => Promise<unknown>;
type NextContext = { params: Promise<Record<string, string | string[]>> };

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const NO_GRANT: Grant = { role: "READONLY", allSources: false, sourceIds: [] };

export function apiRoute<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
  options: RouteOptions<B, Q>,
  handler: Handler<Infer<B>, Infer<Q>>,
) {
  return async (req: NextRequest, context: NextContext): Promise<Response> => {
    const requestId = createId({ kind: "request" });
    try {
      const rawParams = context?.params ? await context.params : {};
      const params = Object.fromEntries(Object.entries(rawParams).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));
      const bearer = req.headers.get("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1];

      // Cookie-authenticated (and anonymous) writes must come from the console's own pages.
      if (MUTATING.has(req.method) && !bearer) checkSameOrigin(req);

      let user: SessionUser | null = null;
      let workspaceId = "";
      let grant = NO_GRANT;
      let actor: Actor = { type: "SYSTEM", id: null, label: "anonymous" };

      if (options.auth !== "public") {
        if (bearer) {
          const token = await authenticateApiToken({ token: bearer });
          if (!token) throw new AppError("unauthorized", "Invalid or revoked API token");
          if (options.auth === "user") throw forbidden("This endpoint needs a signed-in user, not an API token");
          if (token.workspaceId !== params.workspaceId) throw notFound("Workspace not found");
          workspaceId = token.workspaceId;
          grant = { role: token.role, allSources: true, sourceIds: [] };
          actor = { type: "API_TOKEN", id: token.id, label: token.name };
        } else {
          user = await getSessionUser();
          if (!user) throw new AppError("unauthorized", "Sign in to continue");
          actor = { type: "USER", id: user.id, label: user.email };
          if (options.auth !== "user") {
            const found = params.workspaceId ? await findGrant({ workspaceId: params.workspaceId, userId: user.id }) : null;
            if (!found) throw notFound("Workspace not found");
            workspaceId = params.workspaceId;
            grant = found;
          }
        }
        if (typeof options.auth === "object" && !can(grant, options.auth.action)) throw forbidden();
      }

      const query = options.query ? parseOrThrow(options.query, Object.fromEntries(req.nextUrl.searchParams), "Invalid query") : undefined;
      let body: unknown = undefined;
      if (options.body) {
        let json: unknown;
        try {
          json = await req.json();
        } catch {
          throw new AppError("bad_request", "The request body must be valid JSON");
        }
        body = parseOrThrow(options.body, json, "Invalid input");
      }

      const result = await handler({
        req, params, body: body as Infer<B>, query: query as Infer<Q>, requestId, user, workspaceId, grant, actor,
      });
      const response = result instanceof Response ? result : NextResponse.json(result ?? { ok: true });
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (err) {
      return errorResponse(err, requestId);
    }
  };
}

function parseOrThrow(schema: Schema, value: unknown, message: string) {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw fromZodError(parsed.error, message);
  return parsed.data;
}

export function errorResponse(err: unknown, requestId: string): Response {
  let appError: AppError;
  if (isAppError(err)) appError = err;
  else if (err instanceof ZodError) appError = fromZodError(err);
  else if (prismaCode(err) === "P2025") appError = notFound();
  else if (prismaCode(err) === "P2002") appError = new AppError("conflict", "That already exists");
  else {
    logger.error("unhandled error in route", { requestId, error: err instanceof Error ? err.stack ?? err.message : String(err) });
    appError = new AppError("internal_error", `Something went wrong. Reference: ${requestId}`);
  }
  return NextResponse.json(appError.toBody(), { status: appError.status, headers: { "x-request-id": requestId } });
}

function prismaCode(err: unknown): string | undefined {
  return typeof err === "object" && err !== null ? (err as { code?: string }).code : undefined;
}
