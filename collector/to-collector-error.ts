import { AppError, isAppError } from "@/lib/errors/app-error";
import { EventLogUnavailableError } from "@/lib/eventlog/event-log-writer";
import { isConnectionError } from "@/lib/eventlog/is-connection-error";
import { tooLarge, unsupportedMediaType } from "./decode-body";
import type { CollectorMetrics } from "./metrics";

export type CollectorError = { error: AppError; retryAfter: boolean };

export const shuttingDown = () => new AppError("unavailable", "The collector is shutting down.");

// Every collector failure as the one error shape, counted by reason. The database being away is a 503 the SDKs
// retry; a client error from the framework keeps its status; anything unexpected is logged and answered without
// detail.
export function toCollectorError(err: unknown, metrics: Pick<CollectorMetrics, "rejectRequest">, logError: (err: unknown) => void): CollectorError {
  if (isAppError(err)) {
    if (err.code === "payload_too_large") metrics.rejectRequest("request_too_large");
    if (err.code === "unsupported_media_type") metrics.rejectRequest("unsupported_media_type");
    return { error: err, retryAfter: false };
  }
  if (err instanceof EventLogUnavailableError || isConnectionError(err)) {
    metrics.rejectRequest("unavailable");
    return { error: new AppError("unavailable", "The event log is unavailable; retry later."), retryAfter: true };
  }
  const status = (err as { statusCode?: number } | null)?.statusCode;
  if (status === 413) return toCollectorError(tooLarge(), metrics, logError);
  if (status === 415) return toCollectorError(unsupportedMediaType(), metrics, logError);
  if (status && status < 500) return { error: new AppError("bad_request", "The request could not be read."), retryAfter: false };
  logError(err);
  return { error: new AppError("internal_error", "Something went wrong; retry later."), retryAfter: false };
}
