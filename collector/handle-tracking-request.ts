import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "@/lib/errors/app-error";
import type { EventType } from "@/pipeline/event-types";
import { LIMITS } from "@/pipeline/limits";
import { ITEM_REJECT_REASONS } from "@/pipeline/reject-reasons";
import { corsHeaders } from "./cors-headers";
import type { Ingest } from "./create-ingest";
import { decodeBody, tooLarge, unsupportedMediaType } from "./decode-body";
import type { CollectorMetrics } from "./metrics";
import { shuttingDown, toCollectorError } from "./to-collector-error";

type Route = { url: string; mode: "single" | "batch" | "discard"; pathType?: EventType };

const SINGLE: Record<string, EventType> = {
  identify: "identify", track: "track", page: "page", screen: "screen", group: "group", alias: "alias",
  i: "identify", t: "track", p: "page", s: "screen", g: "group", a: "alias",
};
const ROUTES = new Map<string, Route>([
  ...Object.entries(SINGLE).map(([p, type]): [string, Route] => [`/v1/${p}`, { url: `/v1/${p}`, mode: "single", pathType: type }]),
  ...["batch", "import", "b"].map((p): [string, Route] => [`/v1/${p}`, { url: `/v1/${p}`, mode: "batch" }]),
  // SDK telemetry: accepted and discarded.
  ["/v1/m", { url: "/v1/m", mode: "discard" }],
]);

const JSON_TYPE = "application/json; charset=utf-8";
const SUCCESS = '{"success":true}';
const EMPTY = Buffer.alloc(0);

export type TrackingHandlerOptions = {
  ingest: Ingest;
  metrics: CollectorMetrics;
  isClosing: () => boolean;
  logError: (err: unknown) => void;
};

// The tracking endpoints (POST /v1/track, /v1/batch, …) on bare node:http: they carry nearly all of the collector's
// traffic, and a framework's per-request work showed as a tenth of its CPU under single-event load. Returns false
// for any other request, which the caller hands to fastify.
export function createTrackingHandler(o: TrackingHandlerOptions) {
  function send(req: IncomingMessage, res: ServerResponse, route: Route, status: number, body: string, extra?: string[]) {
    const headers = corsHeaders(req.headers.origin);
    headers.push("Content-Type", JSON_TYPE, "Content-Length", String(Buffer.byteLength(body)));
    if (extra) headers.push(...extra);
    res.writeHead(status, headers);
    res.end(body);
    o.metrics.countRequest(route.url, "POST", status);
  }

  function fail(req: IncomingMessage, res: ServerResponse, route: Route, err: unknown, closeConnection = false) {
    const { error, retryAfter } = toCollectorError(err, o.metrics, o.logError);
    const extra = retryAfter ? ["Retry-After", "5"] : [];
    if (closeConnection) extra.push("Connection", "close");
    send(req, res, route, error.status, JSON.stringify(error.toBody()), extra);
  }

  // A refusal sent before the body was read. The client may still be sending it: closing with unread bytes would
  // reset the connection, and the client, or a proxy in front of the collector, could lose the answer and retry.
  // So the rest is read and thrown away (up to a cap), and the connection serves the next request; a body declared
  // larger than the cap gets its answer with Connection: close instead.
  function refuseBeforeBody(req: IncomingMessage, res: ServerResponse, route: Route, err: AppError, declaredLength: number) {
    // A chunked body declares no length (NaN): it is discarded up to the cap like a declared one.
    const closeConnection = declaredLength > DISCARD_MAX_BYTES;
    fail(req, res, route, err, closeConnection);
    if (!closeConnection) discardRest(req);
  }

  async function respond(req: IncomingMessage, res: ServerResponse, route: Route, raw: Buffer) {
    try {
      if (route.mode === "discard") return send(req, res, route, 200, SUCCESS);
      const text = decodeBody(raw, req.headers["content-encoding"]);
      if (text.length === 0) {
        o.metrics.rejectRequest("invalid_json");
        throw new AppError("bad_request", "The body is empty; send a JSON object.");
      }
      const { accepted, rejected } = await o.ingest({
        text,
        mode: route.mode,
        pathType: route.pathType,
        authorization: req.headers.authorization,
        remoteAddress: req.socket.remoteAddress,
        forwardedFor: req.headers["x-forwarded-for"],
        userAgent: req.headers["user-agent"],
      });
      if (route.mode === "single") {
        if (rejected.length === 0) return send(req, res, route, 200, SUCCESS);
        const reason = rejected[0].reason;
        const message = ITEM_REJECT_REASONS[reason];
        throw new AppError("validation_failed", `Event rejected: ${message}.`, [{ path: reason, message }]);
      }
      const body =
        rejected.length === 0
          ? { success: true, accepted }
          : { success: true, accepted, rejected: rejected.map((r) => ({ index: r.index, reason: r.reason, message: ITEM_REJECT_REASONS[r.reason] })) };
      send(req, res, route, 200, JSON.stringify(body));
    } catch (err) {
      fail(req, res, route, err);
    }
  }

  return function handleTrackingRequest(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== "POST") return false;
    const url = req.url!;
    const query = url.indexOf("?");
    const route = ROUTES.get(query === -1 ? url : url.slice(0, query));
    if (!route) return false;
    if (o.isClosing()) {
      send(req, res, route, 503, JSON.stringify(shuttingDown().toBody()), ["Retry-After", "5", "Connection", "close"]);
      return true;
    }
    const length = req.headers["content-length"];
    const hasBody = req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
    if (!hasBody) {
      void respond(req, res, route, EMPTY);
      return true;
    }
    const declared = Number(length);
    if (!isJson(req.headers["content-type"])) {
      refuseBeforeBody(req, res, route, unsupportedMediaType(), declared);
      return true;
    }
    if (declared > LIMITS.maxRequestBytes) {
      refuseBeforeBody(req, res, route, tooLarge(), declared);
      return true;
    }
    const body: PendingBody = { route, res, chunks: [], size: 0, respond, fail };
    (req as BodyRequest)[BODY] = body;
    // A client that goes away mid-body gets no answer; nothing of its request was written.
    req.on("data", onBodyData).on("end", onBodyEnd);
    return true;
  };
}

// The body being read, kept on the request so the listeners below are shared rather than made per request.
const BODY = Symbol("trackingBody");
type PendingBody = {
  route: Route;
  res: ServerResponse;
  chunks: Buffer[];
  size: number;
  respond: (req: IncomingMessage, res: ServerResponse, route: Route, raw: Buffer) => Promise<void>;
  fail: (req: IncomingMessage, res: ServerResponse, route: Route, err: unknown, closeConnection?: boolean) => void;
};
type BodyRequest = IncomingMessage & { [BODY]: PendingBody };

function onBodyData(this: BodyRequest, chunk: Buffer) {
  const b = this[BODY];
  b.size += chunk.length;
  if (b.size > LIMITS.maxRequestBytes) {
    this.off("data", onBodyData).off("end", onBodyEnd);
    b.fail(this, b.res, b.route, tooLarge());
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

function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const semi = contentType.indexOf(";");
  const type = (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  return type === "application/json" || type === "text/plain";
}
