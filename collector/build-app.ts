import http from "node:http";
import Fastify, { LogController, type FastifyInstance } from "fastify";
import type pg from "pg";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { EventLogUnavailableError, EventLogWriter } from "@/lib/eventlog/event-log-writer";
import { isEventType } from "@/pipeline/event-types";
import { LIMITS } from "@/pipeline/limits";
import { getEnv } from "@/lib/env";
import { createClientIpResolver } from "./client-ip";
import { corsHeaders } from "./cors-headers";
import { createIngest } from "./create-ingest";
import type { DebuggerHub } from "./debugger/debugger-hub";
import { registerDebugger } from "./debugger/register-debugger";
import { tooLarge } from "./decode-body";
import { createTrackingAnswer } from "./answer-tracking-request";
import { serveFastHttp } from "./fast-http/serve-fast-http";
import { createTrackingHandler } from "./handle-tracking-request";
import { createMetrics, type CollectorMetrics } from "./metrics";
import { settingsBody } from "./settings-body";
import { shuttingDown, toCollectorError } from "./to-collector-error";
import { watchGcPauses } from "./watch-gc-pauses";
import { watchLoopDelay } from "./watch-loop-delay";
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

const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

// Write keys appear in the settings path and in pixel data; logs only ever see the first characters.
function redactUrl(url: string): string {
  return url
    .replace(/^(\/v1\/projects\/)([^/]{0,6})[^/]*/, "$1$2…")
    .replace(/\?.*$/, "?…");
}

export async function buildApp(o: BuildAppOptions): Promise<CollectorApp> {
  const level = o.logLevel ?? "info";
  const metrics = createMetrics();
  const writer = new EventLogWriter({
    pool: o.pool,
    maxBatchEvents: o.maxBatchEvents,
    maxDelayMs: o.maxDelayMs,
    maxInFlight: o.maxInFlight,
    claimKeysEarly: true,
    onFlush: (s) => {
      metrics.batchSize.observe(s.events);
      metrics.writeSeconds.observe(s.durationMs / 1000);
      if (!s.ok) metrics.writeFailures.inc();
    },
    onCommitStart: (ms) => metrics.writeQueueSeconds.observe(ms / 1000),
  });
  const stopWatchingLoop = watchLoopDelay((s) => metrics.loopDelay.observe(s));
  const stopWatchingGc = watchGcPauses((kind, s) => metrics.gcPauses.observe(kind, s));
  const keys = new WriteKeyResolver({ pool: o.pool, ttlMs: o.keyCacheTtlMs });
  const clientIp = createClientIpResolver(o.trustedProxy ?? "");
  let closing = false;
  const isClosing = () => closing;
  // Logs through fastify's logger once it exists; requests arrive only after that.
  let logError: (err: unknown) => void = () => {};
  const ingest = createIngest({ writer, keys, metrics, clientIp });
  const answers = createTrackingAnswer({ ingest, metrics, logError: (err) => logError(err) });
  const handleTracking = createTrackingHandler({ answers, metrics, isClosing });

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
    trustProxy: false,
    return503OnClosing: true,
    // One server and port. Connections start on the collector's fast path for tracking requests; anything else
    // goes to node:http, where the tracking endpoints are answered before fastify and everything else by fastify.
    serverFactory: (handler) => {
      const server = http.createServer((req, res) => {
        if (!handleTracking(req, res)) handler(req, res);
      });
      server.keepAliveTimeout = 72_000;
      serveFastHttp({ server, answers, metrics, isClosing });
      return server;
    },
  });
  logError = (err) => app.log.error({ err }, "collector request failed");

  app.decorate("writer", writer);
  app.decorate("metrics", metrics);

  // Fastify serves no POST route (the tracking endpoints are handled before it), so it parses no bodies.
  app.removeAllContentTypeParsers();

  // The per-request hooks take callbacks: an async hook costs a promise and a microtask on every request.
  app.addHook("onRequest", (req, reply, done) => {
    const cors = corsHeaders(req.headers.origin);
    for (let i = 0; i < cors.length; i += 2) reply.header(cors[i], cors[i + 1]);
    if (closing && req.url !== "/metrics") {
      reply.code(503).header("Retry-After", "5").send(shuttingDown().toBody());
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
    stopWatchingLoop();
    stopWatchingGc();
    await writer.close();
  });

  app.setErrorHandler((err: unknown, req, reply) => {
    const { error, retryAfter } = toCollectorError(err, metrics, logError);
    if (retryAfter) reply.header("Retry-After", "5");
    return reply.code(error.status).send(error.toBody());
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

  // Email clients and <img> tags: always a GIF, whatever became of the event.
  app.get<{ Params: { type: string }; Querystring: { data?: string } }>("/v1/pixel/:type", async (req, reply) => {
    reply.header("Content-Type", "image/gif").header("Cache-Control", "no-store, max-age=0");
    try {
      const text = Buffer.from(req.query.data ?? "", "base64").toString("utf8");
      if (text.length > LIMITS.maxEventBytes) throw tooLarge();
      const type = isEventType(req.params.type) ? req.params.type : undefined;
      if (!type) metrics.rejected.inc({ reason: "invalid_type", scope: "event" });
      else {
        await ingest({
          text,
          mode: "single",
          pathType: type,
          remoteAddress: req.socket.remoteAddress,
          forwardedFor: req.headers["x-forwarded-for"],
          userAgent: req.headers["user-agent"],
        });
      }
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
