import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppError } from "@/lib/errors/app-error";
import { LIMITS } from "@/pipeline/limits";
import { shuttingDownReply, TRACKING_CONTENT_TYPE, type TrackingAnswer, type TrackingReply } from "./answer-tracking-request";
import { corsHeaders } from "./cors-headers";
import { isJsonContentType, tooLarge, unsupportedMediaType } from "./decode-body";
import type { CollectorMetrics } from "./metrics";
import { findTrackingRoute, type TrackingRoute } from "./tracking-routes";

const EMPTY = Buffer.alloc(0);

export type TrackingHandlerOptions = {
  answers: TrackingAnswer;
  metrics: CollectorMetrics;
  isClosing: () => boolean;
};

// The tracking endpoints (POST /v1/track, /v1/batch, …) on node:http, for the requests the fast path
// (collector/fast-http) hands over: chunked bodies, Expect, oversize or non-JSON bodies, and every request of a
// connection once one was handed over. Returns false for any other request, which the caller hands to fastify.
export function createTrackingHandler(o: TrackingHandlerOptions) {
  function send(req: IncomingMessage, res: ServerResponse, route: TrackingRoute, reply: TrackingReply) {
    const headers = corsHeaders(req.headers.origin);
    headers.push("Content-Type", TRACKING_CONTENT_TYPE, "Content-Length", String(Buffer.byteLength(reply.body)));
    if (reply.extra) headers.push(...reply.extra);
    res.writeHead(reply.status, headers);
    res.end(reply.body);
    o.metrics.countRequest(route.url, "POST", reply.status);
  }

  // A refusal sent before the body was read. The client may still be sending it: closing with unread bytes would
  // reset the connection, and the client, or a proxy in front of the collector, could lose the answer and retry.
  // So the rest is read and thrown away (up to a cap), and the connection serves the next request; a body declared
  // larger than the cap gets its answer with Connection: close instead.
  function refuseBeforeBody(req: IncomingMessage, res: ServerResponse, route: TrackingRoute, err: AppError, declaredLength: number) {
    // A chunked body declares no length (NaN): it is discarded up to the cap like a declared one.
    const closeConnection = declaredLength > DISCARD_MAX_BYTES;
    send(req, res, route, o.answers.failure(err, closeConnection));
    if (!closeConnection) discardRest(req);
  }

  async function respond(req: IncomingMessage, res: ServerResponse, route: TrackingRoute, raw: Buffer) {
    const reply = await o.answers.answer(
      {
        route,
        contentEncoding: req.headers["content-encoding"],
        authorization: req.headers.authorization,
        remoteAddress: req.socket.remoteAddress,
        forwardedFor: req.headers["x-forwarded-for"],
        userAgent: req.headers["user-agent"],
      },
      raw,
    );
    send(req, res, route, reply);
  }

  return function handleTrackingRequest(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== "POST") return false;
    const route = findTrackingRoute(req.url!);
    if (!route) return false;
    if (o.isClosing()) {
      send(req, res, route, shuttingDownReply());
      return true;
    }
    const length = req.headers["content-length"];
    const hasBody = req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
    if (!hasBody) {
      void respond(req, res, route, EMPTY);
      return true;
    }
    const declared = Number(length);
    if (!isJsonContentType(req.headers["content-type"])) {
      refuseBeforeBody(req, res, route, unsupportedMediaType(), declared);
      return true;
    }
    if (declared > LIMITS.maxRequestBytes) {
      refuseBeforeBody(req, res, route, tooLarge(), declared);
      return true;
    }
    const body: PendingBody = { route, res, chunks: [], size: 0, respond, fail: (r, route, err) => send(r, res, route, o.answers.failure(err)) };
    (req as BodyRequest)[BODY] = body;
    // A client that goes away mid-body gets no answer; nothing of its request was written.
    req.on("data", onBodyData).on("end", onBodyEnd);
    return true;
  };
}

// The body being read, kept on the request so the listeners below are shared rather than made per request.
const BODY = Symbol("trackingBody");
type PendingBody = {
  route: TrackingRoute;
  res: ServerResponse;
  chunks: Buffer[];
  size: number;
  respond: (req: IncomingMessage, res: ServerResponse, route: TrackingRoute, raw: Buffer) => Promise<void>;
  fail: (req: IncomingMessage, route: TrackingRoute, err: unknown) => void;
};
type BodyRequest = IncomingMessage & { [BODY]: PendingBody };

function onBodyData(this: BodyRequest, chunk: Buffer) {
  const b = this[BODY];
  b.size += chunk.length;
  if (b.size > LIMITS.maxRequestBytes) {
    this.off("data", onBodyData).off("end", onBodyEnd);
    b.fail(this, b.route, tooLarge());
    discardRest(this);
    return;
  }
  b.chunks.push(chunk);
}

function onBodyEnd(this: BodyRequest) {
  const b = this[BODY];
  void b.respond(this, b.res, b.route, b.chunks.length === 1 ? b.chunks[0] : Buffer.concat(b.chunks, b.size));
}

// What is read and thrown away of a refused request's body before the connection is closed instead.
const DISCARD_MAX_BYTES = 5 * 1024 * 1024;
const DISCARD_MAX_MS = 10_000;

function discardRest(req: IncomingMessage) {
  let left = DISCARD_MAX_BYTES;
  const stop = () => req.socket.destroy();
  const timer = setTimeout(stop, DISCARD_MAX_MS).unref();
  req.on("data", (chunk: Buffer) => {
    left -= chunk.length;
    if (left < 0) stop();
  });
  req.once("end", () => clearTimeout(timer)).once("close", () => clearTimeout(timer));
}
