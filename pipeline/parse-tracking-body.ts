import { LIMITS } from "./limits";
import type { RequestRejectReason } from "./reject-reasons";
import { capDepth, isJsonObject, needsCleaning, sanitizeJson, TooDeepError, type JsonObject, type JsonValue } from "./sanitize-json";

export class RequestRejection extends Error {
  constructor(
    readonly reason: RequestRejectReason,
    message: string,
  ) {
    super(message);
  }
}

// One item of the request: its cleaned JSON, or the fact that it was nested too deeply to clean.
export type RawItem = { index: number; value: JsonValue } | { index: number; tooDeep: true };

export type ParsedTrackingBody = {
  items: RawItem[];
  writeKey?: string;
  // Batch-level fields that apply to every item.
  envelope: { context?: JsonObject; integrations?: JsonObject; sentAt?: JsonValue };
};

type Clean = (value: unknown, maxDepth: number) => JsonValue;

function cleanEnvelope(value: unknown, clean: Clean): JsonValue {
  try {
    return clean(value, LIMITS.maxDepth + 2);
  } catch (err) {
    if (err instanceof TooDeepError) throw new RequestRejection("too_deep", `The request is nested deeper than ${LIMITS.maxDepth} levels.`);
    throw err;
  }
}

function cleanItem(value: unknown, index: number, clean: Clean): RawItem {
  try {
    return { index, value: clean(value, LIMITS.maxDepth) };
  } catch (err) {
    if (err instanceof TooDeepError) return { index, tooDeep: true };
    throw err;
  }
}

// Parses a request body: `single` for /v1/track and friends (the body is the event), `batch` for /v1/batch,
// /v1/import and /v1/b (`{ batch: [...] }`). Throws RequestRejection for what fails the whole request.
export function parseTrackingBody(text: string, mode: "single" | "batch"): ParsedTrackingBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new RequestRejection("invalid_json", "The body is not valid JSON.");
  }
  if (!isJsonObject(parsed)) throw new RequestRejection("invalid_json", "The body must be a JSON object.");
  const body = parsed as Record<string, unknown>;
  const writeKey = typeof body.writeKey === "string" ? body.writeKey : undefined;
  const clean: Clean = needsCleaning(text) ? sanitizeJson : capDepth;

  if (mode === "single") {
    return { items: [cleanItem(body, 0, clean)], writeKey, envelope: {} };
  }
  if (!Array.isArray(body.batch)) throw new RequestRejection("invalid_json", "The body must have a `batch` array.");
  if (body.batch.length > LIMITS.maxBatchItems) {
    throw new RequestRejection("batch_too_large", `A batch holds at most ${LIMITS.maxBatchItems} events; this one has ${body.batch.length}.`);
  }
  const context = body.context === undefined ? undefined : cleanEnvelope(body.context, clean);
  const integrations = body.integrations === undefined ? undefined : cleanEnvelope(body.integrations, clean);
  return {
    items: body.batch.map((item, index) => cleanItem(item, index, clean)),
    writeKey,
    envelope: {
      context: isJsonObject(context) ? context : undefined,
      integrations: isJsonObject(integrations) ? integrations : undefined,
      sentAt: body.sentAt === undefined ? undefined : cleanEnvelope(body.sentAt, clean),
    },
  };
}
