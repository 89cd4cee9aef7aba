import { AppError } from "@/lib/errors/app-error";
import { ITEM_REJECT_REASONS } from "@/pipeline/reject-reasons";
import type { Ingest, IngestInput } from "./create-ingest";
import { decodeBody } from "./decode-body";
import type { CollectorMetrics } from "./metrics";
import { shuttingDown, toCollectorError } from "./to-collector-error";
import type { TrackingRoute } from "./tracking-routes";

// What answering a tracking request needs from it, whichever HTTP layer read it: the route stands for ingest's
// mode and path type, the raw body and its encoding for its text.
export type TrackingRequest = Omit<IngestInput, "text" | "mode" | "pathType"> & { route: TrackingRoute; contentEncoding?: string };

// Status, JSON body, and header pairs beyond CORS, Content-Type and Content-Length.
export type TrackingReply = { status: number; body: string; extra?: string[] };

export const TRACKING_CONTENT_TYPE = "application/json; charset=utf-8";

// A request that arrives while the collector stops: retried by the SDK, against another collector or this one.
export const shuttingDownReply = (): TrackingReply => ({ status: 503, body: JSON.stringify(shuttingDown().toBody()), extra: ["Retry-After", "5", "Connection", "close"] });

const SUCCESS: TrackingReply = { status: 200, body: '{"success":true}' };

export type TrackingAnswerOptions = { ingest: Ingest; metrics: CollectorMetrics; logError: (err: unknown) => void };

// The tracking endpoints' answers, apart from the HTTP layer that reads requests and writes replies: node:http for
// anything unusual, the collector's own fast path for the common request (collector/fast-http).
export function createTrackingAnswer(o: TrackingAnswerOptions) {
  function failure(err: unknown, closeConnection = false): TrackingReply {
    const { error, retryAfter } = toCollectorError(err, o.metrics, o.logError);
    const extra = retryAfter ? ["Retry-After", "5"] : [];
    if (closeConnection) extra.push("Connection", "close");
    return { status: error.status, body: JSON.stringify(error.toBody()), extra };
  }

  async function answer(r: TrackingRequest, raw: Buffer): Promise<TrackingReply> {
    const started = performance.now();
    try {
      if (r.route.mode === "discard") return SUCCESS;
      const text = decodeBody(raw, r.contentEncoding);
      if (text.length === 0) {
        o.metrics.rejectRequest("invalid_json");
        throw new AppError("bad_request", "The body is empty; send a JSON object.");
      }
      const { accepted, rejected } = await o.ingest({
        text,
        mode: r.route.mode,
        pathType: r.route.pathType,
        authorization: r.authorization,
        remoteAddress: r.remoteAddress,
        forwardedFor: r.forwardedFor,
        userAgent: r.userAgent,
      });
      if (r.route.mode === "single") {
        if (rejected.length === 0) return SUCCESS;
        const reason = rejected[0].reason;
        const message = ITEM_REJECT_REASONS[reason];
        throw new AppError("validation_failed", `Event rejected: ${message}.`, [{ path: reason, message }]);
      }
      const body =
        rejected.length === 0
          ? { success: true, accepted }
          : { success: true, accepted, rejected: rejected.map((x) => ({ index: x.index, reason: x.reason, message: ITEM_REJECT_REASONS[x.reason] })) };
      return { status: 200, body: JSON.stringify(body) };
    } catch (err) {
      return failure(err);
    } finally {
      o.metrics.requestSeconds.observe((performance.now() - started) / 1000);
    }
  }

  return { answer, failure };
}

export type TrackingAnswer = ReturnType<typeof createTrackingAnswer>;
