import { AppError } from "@/lib/errors/app-error";
import type { EventLogWriter } from "@/lib/eventlog/event-log-writer";
import type { EventType } from "@/pipeline/event-types";
import { normalizeEvents, type RejectedItem } from "@/pipeline/normalize-events";
import { parseTrackingBody, RequestRejection, type ParsedTrackingBody } from "@/pipeline/parse-tracking-body";
import type { CollectorMetrics } from "./metrics";
import { readWriteKey } from "./read-write-key";
import type { WriteKeyResolver } from "./write-key-resolver";

// What ingest needs from an HTTP request, whichever server received it.
export type IngestInput = {
  text: string;
  mode: "single" | "batch";
  // The type a single-event path implies (/v1/track, /v1/t, the pixel's type).
  pathType?: EventType;
  authorization?: string;
  remoteAddress?: string;
  forwardedFor?: string | string[];
  userAgent?: string;
};

export type IngestResult = { accepted: number; rejected: RejectedItem[] };

export type Ingest = (input: IngestInput) => Promise<IngestResult>;

type IngestDeps = {
  writer: EventLogWriter;
  keys: WriteKeyResolver;
  metrics: CollectorMetrics;
  clientIp: (socketAddress: string | undefined, forwardedFor: string | string[] | undefined) => string;
};

// A revoked or expired key that still names a source: its items show in that source's debugger as refused, up to a
// budget per source per minute, so a client stuck on an old key cannot fill the rejections table.
const MAX_RECORDED_REVOKED = 100;

// Parse, authenticate, normalise and durably write one tracking request. Throws AppError for what refuses the
// whole request; items refused one by one come back in `rejected`, already recorded for the debugger.
export function createIngest({ writer, keys, metrics, clientIp }: IngestDeps): Ingest {
  const acceptedCount = metrics.accepted.with({});
  const duplicateCount = metrics.duplicates.with({});
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
    await writer
      .write({
        workspaceId: known.workspaceId,
        sourceId: known.sourceId,
        receivedAt: new Date(),
        events: [],
        rejected: items.slice(0, take).map((it) => ({ index: it.index, reason: "revoked_key", item: "value" in it ? it.value : undefined })),
      })
      .catch(() => {});
  }

  async function authenticate(writeKey: string | undefined, items: ParsedTrackingBody["items"]) {
    if (!writeKey) {
      metrics.rejectRequest("unauthorized");
      throw new AppError("unauthorized", "A write key is required: Basic auth or `writeKey` in the body.");
    }
    const resolved = await keys.resolve(writeKey);
    if (!resolved) {
      metrics.rejectRequest("unauthorized");
      await recordRevoked(writeKey, items);
      throw new AppError("unauthorized", "The write key is unknown, revoked or expired.");
    }
    return resolved;
  }

  return async (input) => {
    let parsed;
    try {
      parsed = parseTrackingBody(input.text, input.mode);
    } catch (err) {
      if (err instanceof RequestRejection) {
        metrics.rejectRequest(err.reason);
        throw new AppError("bad_request", err.message);
      }
      throw err;
    }
    const writeKey = readWriteKey(input.authorization, parsed.writeKey);
    const key = (writeKey && keys.cached(writeKey)) || (await authenticate(writeKey, parsed.items));
    const receivedAt = new Date();
    const result = normalizeEvents(parsed, {
      receivedAt,
      ip: clientIp(input.remoteAddress, input.forwardedFor),
      userAgent: input.userAgent,
      pathType: input.pathType,
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
  };
}
