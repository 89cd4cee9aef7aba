import { createHmac, timingSafeEqual } from "node:crypto";

// The live debugger's stream token: the console mints it for a member allowed to read the source(s), the collector
// checks it. EventSource cannot send headers, so it travels in the query string; it is short-lived and signed with
// a key derived from AUTH_SECRET (never AUTH_SECRET itself), so it cannot be used as, or to forge, anything else.
//
// Format: "v1.<base64url(JSON claims)>.<base64url(HMAC-SHA256)>". Framework-free: the collector imports it.

export type DebuggerTokenClaims = {
  workspaceId: string;
  // null: every source of the workspace. Otherwise the sources the stream may carry (one for a source's page; the
  // member's scope for a workspace-wide stream of a member limited to a list of sources).
  sourceIds: string[] | null;
  userId: string;
  // Expiry, in seconds since the epoch.
  exp: number;
};

export type VerifyResult =
  | { ok: true; claims: DebuggerTokenClaims }
  | { ok: false; reason: "missing" | "malformed" | "bad_signature" | "expired" };

export const DEBUGGER_TOKEN_TTL_SECONDS = 5 * 60;

function keyFrom(secret: string): Buffer {
  return createHmac("sha256", secret).update("switchyard/debugger-token/v1").digest();
}

function mac(secret: string, body: string): Buffer {
  return createHmac("sha256", keyFrom(secret)).update(body).digest();
}

export type SignDebuggerTokenOptions = {
  secret: string;
  workspaceId: string;
  sourceIds: string[] | null;
  userId: string;
  ttlSeconds?: number;
  now?: number;
};

export function signDebuggerToken(o: SignDebuggerTokenOptions): { token: string; expiresAt: Date } {
  const exp = Math.floor((o.now ?? Date.now()) / 1000) + (o.ttlSeconds ?? DEBUGGER_TOKEN_TTL_SECONDS);
  const claims: DebuggerTokenClaims = { workspaceId: o.workspaceId, sourceIds: o.sourceIds, userId: o.userId, exp };
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return { token: `v1.${body}.${mac(o.secret, body).toString("base64url")}`, expiresAt: new Date(exp * 1000) };
}

export function verifyDebuggerToken(token: string | undefined, secret: string, now = Date.now()): VerifyResult {
  if (!token) return { ok: false, reason: "missing" };
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== "v1" || token.length > 8_192) return { ok: false, reason: "malformed" };
  const [, body, sig] = parts;
  // Compared as text: base64url has several spellings of the same bytes (the last character's spare bits), and a
  // token must match the one spelling that was issued.
  const expected = Buffer.from(mac(secret, body).toString("base64url"));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad_signature" };
  let claims: DebuggerTokenClaims;
  try {
    claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const valid =
    typeof claims === "object" && claims !== null &&
    typeof claims.workspaceId === "string" && typeof claims.userId === "string" && typeof claims.exp === "number" &&
    (claims.sourceIds === null || (Array.isArray(claims.sourceIds) && claims.sourceIds.every((s) => typeof s === "string")));
  if (!valid) return { ok: false, reason: "malformed" };
  if (claims.exp * 1000 <= now) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}
