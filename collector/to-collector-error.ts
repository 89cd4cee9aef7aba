import { AppError, isAppError } from "@/lib/errors/app-error";
import { EventLogUnavailableError } from "@/lib/eventlog/event-log-writer";
import { isConnectionError } from "@/lib/eventlog/is-connection-error";
import type { RequestRejectReason } from "@/pipeline/reject-reasons";
import { tooLarge } from "./decode-body";

type Known = { code: AppError["code"]; reason?: RequestRejectReason; message: string };

export const UNSUPPORTED_MEDIA_TYPE: Known = {
  code: "unsupported_media_type",
  reason: "unsupported_media_type",
  message: "Send JSON as application/json or text/plain.",
};

const fastifyErrors: Record<string, Known> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: "payload_too_large", reason: "request_too_large", message: tooLarge().message },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: "bad_request", message: "Content-Length does not match the body." },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: "bad_request", reason: "invalid_json", message: "The body is empty." },
};

export type CollectorError = { error: AppError; retryAfter: boolean };

// Every collector failure as the one error shape, counted by reason. The database being away is a 503 the SDKs
// retry; anything unexpected is logged and answered without detail.
export function toCollectorError(
  err: unknown,
  rejectRequest: (reason: RequestRejectReason) => void,
  logError: (err: unknown) => void,
): CollectorError {
  const code = (err as { code?: unknown } | null)?.code;
  const known = typeof code === "string" ? fastifyErrors[code] : undefined;
  if (known) {
    if (known.reason) rejectRequest(known.reason);
    return { error: new AppError(known.code, known.message), retryAfter: false };
  }
  if (isAppError(err)) {
    if (err.code === "payload_too_large") rejectRequest("request_too_large");
    if (err.code === "unsupported_media_type") rejectRequest("unsupported_media_type");
    return { error: err, retryAfter: false };
  }
  if (err instanceof EventLogUnavailableError || isConnectionError(err)) {
    rejectRequest("unavailable");
    return { error: new AppError("unavailable", "The event log is unavailable; retry later."), retryAfter: true };
  }
  const status = (err as { statusCode?: number } | null)?.statusCode;
  if (status && status < 500) return { error: new AppError("bad_request", "The request could not be read."), retryAfter: false };
  logError(err);
  return { error: new AppError("internal_error", "Something went wrong; retry later."), retryAfter: false };
}
