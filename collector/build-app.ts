import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from "fastify";
import type pg from "pg";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { EventLogUnavailableError, EventLogWriter } from "@/lib/eventlog/event-log-writer";
import { isConnectionError } from "@/lib/eventlog/is-connection-error";
import { isEventType, type EventType } from "@/pipeline/event-types";
import { LIMITS } from "@/pipeline/limits";
import { normalizeEvents } from "@/pipeline/normalize-events";
import { parseTrackingBody, RequestRejection, type ParsedTrackingBody } from "@/pipeline/parse-tracking-body";
import { ITEM_REJECT_REASONS, type RequestRejectReason } from "@/pipeline/reject-reasons";
import { getEnv } from "@/lib/env";
import { createClientIpResolver } from "./client-ip";
import type { DebuggerHub } from "./debugger/debugger-hub";
import { registerDebugger } from "./debugger/register-debugger";
import { decodeBody, tooLarge } from "./decode-body";
import { createMetrics, type CollectorMetrics } from "./metrics";
import { readWriteKey } from "./read-write-key";
import { settingsBody } from "./settings-body";
import { WriteKeyResolver } from "./write-key-resolver";

export type BuildAppOptions = {
  pool: pg.Pool;
  // Where browsers reach the collector; the settings endpoint derives apiHost and protocol from it.
  publicUrl: string;
  trustedProxy?: string;
  keyCacheTtlMs?: number;
  maxBatchEvents?: number;
  maxDelayMs?: number;
  maxInFlight?: number;
  logLevel?: "debug" | "info" | "warn" | "error" | "silent";
  // Verifies the console's debugger stream tokens; AUTH_SECRET from the environment when absent.
  authSecret?: string;
};

export type CollectorApp = FastifyInstance & { writer: EventLogWriter; metrics: CollectorMetrics; debuggerHub: DebuggerHub };

const SINGLE_ROUTES: Record<string, EventType> = {
  identify: "identify", track: "track", page: "page", screen: "screen", group: "group", alias: "alias",
  i: "identify", t: "track", p: "page", s: "screen", g: "group", a: "alias",
};
const BATCH_ROUTES = ["batch", "import", "b"];
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

// Write keys appear in the settings path and in pixel data; logs only ever see the first characters.
function redactUrl(url: string): string {
  return url
    .replace(/^(\/v1\/projects\/)([^/]{0,6})[^/]*/, "$1$2…")
    .replace(/\?.*$/, "?…");
}

const fastifyErrorStatus: Record<string, { code: AppError["code"]; reason?: RequestRejectReason; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: "payload_too_large", reason: "request_too_large", message: tooLarge().message },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: "unsupported_media_type",
    reason: "unsupported_media_type",
    message: "Send JSON as application/json or text/plain.",
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: "bad_request", message: "Content-Length does not match the body." },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: "bad_request", reason: "invalid_json", message: "The body is empty." },
};

export async function buildApp(o: BuildAppOptions): Promise<CollectorApp> {
  const level = o.logLevel ?? "info";
  const app = Fastify({
    logger:
      level === "silent"
        ? false
        : {
            level,
            redact: ["req.headers.authorization", "headers.authorization"],
            serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: redactUrl(req.url) }) },
          },
    // Per-request lines would dominate the hot path; errors are logged where they happen.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: LIMITS.maxRequestBytes,
    trustProxy: false,
    return503OnClosing: true,
  });
  const metrics = createMetrics();
  const writer = new EventLogWriter({
    pool: o.pool,
    maxBatchEvents: o.maxBatchEvents,
    maxDelayMs: o.maxDelayMs,
    maxInFlight: o.maxInFlight,
    onFlush: (s) => {
      metrics.batchSize.observe(s.events);
      metrics.writeSeconds.observe(s.durationMs / 1000);
      if (!s.ok) metrics.writeFailures.inc();
    },
  });
  const keys = new WriteKeyResolver({ pool: o.pool, ttlMs: o.keyCacheTtlMs });
  const clientIp = createClientIpResolver(o.trustedProxy ?? "");
  let closing = false;

  app.decorate("writer", writer);
  app.decorate("metrics", metrics);

  const rejectRequest = (reason: RequestRejectReason) => metrics.rejected.inc({ reason, scope: "request" });
  const acceptedCount = metrics.accepted.with({});
  const duplicateCount = metrics.duplicates.with({});

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(["application/json", "text/plain"], { parseAs: "buffer" }, (req, body, done) => {
    try {
      done(null, decodeBody(body as Buffer, req.headers["content-encoding"] as string | undefined));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  // The per-request hooks take callbacks: an async hook costs a promise and a microtask on every request.
  app.addHook("onRequest", (req, reply, done) => {
    const origin = req.headers.origin;
    reply.header("Access-Control-Allow-Origin", origin ?? "*");
    if (origin) reply.header("Access-Control-Allow-Credentials", "true").header("Vary", "Origin");
    if (closing && req.url !== "/metrics") {
      reply.code(503).header("Retry-After", "5").send(new AppError("unavailable", "The collector is shutting down.").toBody());
      return;
    }
    done();
  });
  app.addHook("onResponse", (req, reply, done) => {
    metrics.countRequest(req.routeOptions.url ?? "unmatched", req.method, reply.statusCode);
    done();
  });
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onClose", async () => {
    await writer.drain();
  });

  app.setErrorHandler((err: unknown, req, reply) => {
    const known = typeof (err as { code?: unknown }).code === "string" ? fastifyErrorStatus[(err as { code: string }).code] : undefined;
    let appErr: AppError;
    if (isAppError(err)) appErr = err;
    else if (known) {
      if (known.reason) rejectRequest(known.reason);
      appErr = new AppError(known.code, known.message);
    } else if (err instanceof EventLogUnavailableError || isConnectionError(err)) {
      rejectRequest("unavailable");
      reply.header("Retry-After", "5");
      appErr = new AppError("unavailable", "The event log is unavailable; retry later.");
    } else if ((err as { statusCode?: number }).statusCode && (err as { statusCode: number }).statusCode < 500) {
      appErr = new AppError("bad_request", "The request could not be read.");
    } else {
      req.log.error({ err }, "collector request failed");
      appErr = new AppError("internal_error", "Something went wrong; retry later.");
    }
    if (appErr.code === "payload_too_large" && !known) rejectRequest("request_too_large");
    if (appErr.code === "unsupported_media_type" && !known) rejectRequest("unsupported_media_type");
    return reply.code(appErr.status).send(appErr.toBody());
  });

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send(new AppError("not_found", "No such endpoint.").toBody());
  });

  app.options("/*", async (req, reply) => {
    reply
      .header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
      .header("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Retry-Count")
      .header("Access-Control-Max-Age", "86400")
      .code(204)
      .send();
  });

  // A revoked or expired key that still names a source: its items show in that source's debugger as refused, up
  // to a budget per source per minute, so a client stuck on an old key cannot fill the rejections table.
  const MAX_RECORDED_REVOKED = 100;
  const revokedBudget = new Map<string, { minute: number; left: number }>();
  async function recordRevoked(writeKey: string, items: ParsedTrackingBody["items"]) {
    const known = keys.inactive(writeKey);
    if (!known || items.length === 0) return;
    const minute = Math.floor(Date.now() / 60_000);
    let budget = revokedBudget.get(known.sourceId);
    if (!budget || budget.minute !== minute) {
      if (revokedBudget.size > 10_000) revokedBudget.clear();
      budget = { minute, left: MAX_RECORDED_REVOKED * 10 };
      revokedBudget.set(known.sourceId, budget);
    }
    const take = Math.min(items.length, MAX_RECORDED_REVOKED, budget.left);
    if (take === 0) return;
    budget.left -= take;
    await writer.write({
      workspaceId: known.workspaceId,
      sourceId: known.sourceId,
      receivedAt: new Date(),
      events: [],
      rejected: items.slice(0, take).map((it) => ({ index: it.index, reason: "revoked_key", item: "value" in it ? it.value : undefined })),
    }).catch(() => {});
  }

  async function authenticate(writeKey: string | undefined, items: ParsedTrackingBody["items"] = []) {
    if (!writeKey) {
      rejectRequest("unauthorized");
      throw new AppError("unauthorized", "A write key is required: Basic auth or `writeKey` in the body.");
    }
    const resolved = await keys.resolve(writeKey);
    if (!resolved) {
      rejectRequest("unauthorized");
      await recordRevoked(writeKey, items);
      throw new AppError("unauthorized", "The write key is unknown, revoked or expired.");
    }
    return resolved;
  }

  async function ingest(req: FastifyRequest, text: string, mode: "single" | "batch", pathType: EventType | undefined, authorization?: string) {
    let parsed;
    try {
      parsed = parseTrackingBody(text, mode);
    } catch (err) {
      if (err instanceof RequestRejection) {
        rejectRequest(err.reason);
        throw new AppError("bad_request", err.message);
      }
      throw err;
    }
    const key = await authenticate(readWriteKey(authorization, parsed.writeKey), parsed.items);
    const receivedAt = new Date();
    const result = normalizeEvents(parsed, {
      receivedAt,
      ip: clientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"]),
      userAgent: req.headers["user-agent"],
      pathType,
    });
    for (const r of result.rejected) metrics.rejected.inc({ reason: r.reason, scope: "event" });
    const written = await writer.write({
      workspaceId: key.workspaceId,
      sourceId: key.sourceId,
      receivedAt,
      events: result.accepted,
      rejected: result.rejected,
    });
    acceptedCount.inc(written.inserted);
    if (written.duplicates) duplicateCount.inc(written.duplicates);
    return { accepted: result.accepted.length, rejected: result.rejected };
  }

  const bodyText = (req: FastifyRequest) => {
    if (typeof req.body !== "string" || req.body.length === 0) {
      rejectRequest("invalid_json");
      throw new AppError("bad_request", "The body is empty; send a JSON object.");
    }
    return req.body;
  };

  for (const [path, type] of Object.entries(SINGLE_ROUTES)) {
    app.post(`/v1/${path}`, async (req, reply) => {
      const { rejected } = await ingest(req, bodyText(req), "single", type, req.headers.authorization);
      if (rejected.length > 0) {
        const reason = rejected[0].reason;
        return reply.code(400).send(
          new AppError("validation_failed", `Event rejected: ${ITEM_REJECT_REASONS[reason]}.`, [{ path: reason, message: ITEM_REJECT_REASONS[reason] }]).toBody(),
        );
      }
      return { success: true };
    });
  }

  for (const path of BATCH_ROUTES) {
    app.post(`/v1/${path}`, async (req) => {
      const { accepted, rejected } = await ingest(req, bodyText(req), "batch", undefined, req.headers.authorization);
      if (rejected.length === 0) return { success: true, accepted };
      return {
        success: true,
        accepted,
        rejected: rejected.map((r) => ({ index: r.index, reason: r.reason, message: ITEM_REJECT_REASONS[r.reason] })),
      };
    });
  }

  // SDK telemetry: accepted and discarded.
  app.post("/v1/m", async () => ({ success: true }));

  // Email clients and <img> tags: always a GIF, whatever became of the event.
  app.get<{ Params: { type: string }; Querystring: { data?: string } }>("/v1/pixel/:type", async (req, reply) => {
    reply.header("Content-Type", "image/gif").header("Cache-Control", "no-store, max-age=0");
    try {
      const text = Buffer.from(req.query.data ?? "", "base64").toString("utf8");
      if (text.length > LIMITS.maxEventBytes) throw tooLarge();
      const type = isEventType(req.params.type) ? req.params.type : undefined;
      if (!type) metrics.rejected.inc({ reason: "invalid_type", scope: "event" });
      else await ingest(req, text, "single", type);
    } catch (err) {
      if (!isAppError(err) && !(err instanceof EventLogUnavailableError)) req.log.warn({ err }, "pixel event failed");
    }
    return reply.send(GIF);
  });

  app.get<{ Params: { writeKey: string } }>("/v1/projects/:writeKey/settings", async (req, reply) => {
    const key = await keys.resolve(req.params.writeKey);
    if (!key) return reply.code(404).type("text/plain").send("Invalid path or write key provided.");
    reply.header("Cache-Control", "public, max-age=60");
    return settingsBody(req.params.writeKey, o.publicUrl);
  });

  app.decorate("debuggerHub", registerDebugger(app, { pool: o.pool, secret: o.authSecret ?? getEnv().AUTH_SECRET }));

  app.get("/health", async (req, reply) => {
    try {
      await o.pool.query("SELECT 1");
      return { status: "ok" };
    } catch {
      return reply.code(503).send({ status: "unavailable", database: "down" });
    }
  });

  app.get("/metrics", async (req, reply) => {
    reply.type("text/plain; version=0.0.4");
    return metrics.render();
  });

  return app as unknown as CollectorApp;
}
