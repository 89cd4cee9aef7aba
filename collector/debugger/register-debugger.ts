import type { FastifyInstance } from "fastify";
import type pg from "pg";
import { AppError } from "@/lib/errors/app-error";
import { DEBUGGER_STREAM_PATH } from "@/lib/debugger/debugger-event";
import { verifyDebuggerToken } from "@/lib/debugger/debugger-token";
import { DebuggerHub, type DebuggerHubOptions } from "./debugger-hub";
import { findRecentStart } from "./find-recent-start";
import { formatCursor, parseCursor } from "./read-debugger-rows";

// A stream opened without Last-Event-ID may ask to begin with the latest `recent` items (the console asks for 50).
const MAX_RECENT = 500;

export type RegisterDebuggerOptions = {
  pool: pg.Pool;
  // Verifies the console's stream tokens (AUTH_SECRET).
  secret: string;
  heartbeatMs?: number;
  hub?: Omit<DebuggerHubOptions, "pool" | "log">;
};

type StreamQuery = { token?: string; sourceId?: string; lastEventId?: string; recent?: string };

// GET /v1/debugger/stream?token=…[&sourceId=…][&lastEventId=…]: Server-Sent Events of everything a source (or the
// token's workspace) receives, accepted or refused. EventSource cannot send headers, hence the token in the query
// (request logs drop query strings). Resumes after the Last-Event-ID header, or `lastEventId` for a new EventSource.
export function registerDebugger(app: FastifyInstance, o: RegisterDebuggerOptions): DebuggerHub {
  const hub = new DebuggerHub({ pool: o.pool, log: app.log, ...o.hub });
  const heartbeatMs = o.heartbeatMs ?? 15_000;

  app.addHook("preClose", async () => {
    await hub.close();
  });

  app.get<{ Querystring: StreamQuery }>(DEBUGGER_STREAM_PATH, async (req, reply) => {
    const verified = verifyDebuggerToken(req.query.token, o.secret);
    if (!verified.ok) {
      const message = verified.reason === "expired" ? "The debugger token has expired." : "A valid debugger token is required.";
      return reply.code(401).send(new AppError("unauthorized", message).toBody());
    }
    const claims = verified.claims;
    let sourceIds = claims.sourceIds;
    if (req.query.sourceId) {
      if (sourceIds && !sourceIds.includes(req.query.sourceId)) {
        return reply.code(403).send(new AppError("forbidden", "The token does not cover this source.").toBody());
      }
      if (!sourceIds) {
        // A workspace-wide token narrowed to a source: the source must be one of that workspace's.
        const found = await o.pool.query(`SELECT 1 FROM sources WHERE id = $1 AND workspace_id = $2`, [req.query.sourceId, claims.workspaceId]);
        if (found.rowCount === 0) return reply.code(403).send(new AppError("forbidden", "The token does not cover this source.").toBody());
      }
      sourceIds = [req.query.sourceId];
    }
    const lastId = (req.headers["last-event-id"] as string | undefined) || req.query.lastEventId;
    const resumeAt = lastId ? parseCursor(lastId) : null;
    if (lastId && !resumeAt) return reply.code(400).send(new AppError("bad_request", "Last-Event-ID is not a stream position.").toBody());
    const recent = Math.min(MAX_RECENT, Math.max(0, Math.floor(Number(req.query.recent ?? 0)) || 0));
    const after = resumeAt ?? (recent > 0 ? await findRecentStart(o.pool, { workspaceId: claims.workspaceId, sourceIds, count: recent }) : null);

    const origin = req.headers.origin;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
      "Access-Control-Allow-Origin": origin ?? "*",
      ...(origin ? { Vary: "Origin" } : {}),
    });
    res.write("retry: 2000\n\n");

    let closed = false;
    const timers: NodeJS.Timeout[] = [];
    const end = () => {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      if (sub) hub.unsubscribe(sub);
    };
    let sub: Awaited<ReturnType<DebuggerHub["subscribe"]>> | undefined;
    res.on("close", end);
    try {
      sub = await hub.subscribe({
        workspaceId: claims.workspaceId,
        sourceIds,
        res,
        after,
        // Carries the start position as its id, so a reconnect before any event still resumes from here.
        onStart: (cursor) => res.write(`id: ${formatCursor(cursor)}\nevent: ready\ndata: ${JSON.stringify({ cursor: formatCursor(cursor) })}\n\n`),
      });
    } catch (err) {
      req.log.warn({ err }, "debugger: subscribe failed");
      res.destroy();
      return;
    }
    if (closed) {
      hub.unsubscribe(sub);
      return;
    }
    timers.push(
      setInterval(() => {
        if (res.writableLength <= hub.highWaterBytes) res.write(": heartbeat\n\n");
      }, heartbeatMs),
    );
    // The stream lasts as long as the token: then the console mints a new one (re-checking access) and resumes.
    timers.push(
      setTimeout(() => {
        res.write("event: expired\ndata: {}\n\n");
        res.end();
        end();
      }, Math.max(0, claims.exp * 1000 - Date.now())),
    );
  });

  return hub;
}
