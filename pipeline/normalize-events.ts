import { randomUUID } from "node:crypto";
import { isEventType, type EventType } from "./event-types";
import { formatIsoTime } from "./iso-time";
import { LIMITS } from "./limits";
import type { ParsedTrackingBody } from "./parse-tracking-body";
import type { ItemRejectReason } from "./reject-reasons";
import { isJsonObject, type JsonObject, type JsonValue } from "./sanitize-json";

// What the collector knows about the request, independent of the HTTP framework.
export type RequestFacts = {
  receivedAt: Date;
  // The client address, already resolved through trusted proxies.
  ip: string;
  userAgent?: string;
  // Set by single-event endpoints (/v1/track, /v1/t): the type the path implies.
  pathType?: EventType;
};

export type NormalizedEvent = {
  index: number;
  messageId: string;
  type: EventType;
  event: string | null;
  userId: string | null;
  anonymousId: string | null;
  previousId: string | null;
  receivedAt: Date;
  // The event as stored: JSON text, at most LIMITS.maxEventBytes.
  payload: string;
};

export type RejectedItem = { index: number; reason: ItemRejectReason; item?: JsonValue };

type ItemState = { item: JsonObject; facts: RequestFacts; clock: RequestClock; envelope: ParsedTrackingBody["envelope"]; payload?: string };

export type PipelineStep = { name: string; run: (s: ItemState) => ItemRejectReason | void };

const asId = (v: JsonValue | undefined): string | null | false => {
  if (v === undefined || v === null || v === "") return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return false;
};

// Milliseconds since the epoch, as new Date(v) reads them.
function parseTime(v: JsonValue | undefined): number | null | false {
  if (v === undefined || v === null) return null;
  if (typeof v !== "string" && typeof v !== "number") return false;
  const ms = typeof v === "string" ? Date.parse(v) : new Date(v).getTime();
  return Number.isNaN(ms) ? false : ms;
}

type Stamp = { ms: number; iso: string };

// The times shared by a request's items: receivedAt, and the sentAt a batch gives all of its items.
class RequestClock {
  readonly receivedMs: number;
  readonly receivedIso: string;
  private sentAtValue: JsonValue | undefined;
  private sentAt: Stamp | null | false = null;

  constructor(receivedAt: Date) {
    this.receivedMs = receivedAt.getTime();
    this.receivedIso = formatIsoTime(this.receivedMs);
  }

  sentAtOf(v: JsonValue | undefined): Stamp | null | false {
    if (v !== this.sentAtValue) {
      const ms = parseTime(v);
      this.sentAtValue = v;
      this.sentAt = typeof ms === "number" ? { ms, iso: formatIsoTime(ms) } : ms;
    }
    return this.sentAt;
  }
}

const OBJECT_FIELDS = ["properties", "traits", "context", "integrations"] as const;

export const PIPELINE: PipelineStep[] = [
  {
    name: "resolve-type",
    run: ({ item, facts }) => {
      const type = facts.pathType ?? item.type;
      if (!isEventType(type)) return "invalid_type";
      item.type = type;
    },
  },
  {
    // A body never keeps its write key: the log must not hold secrets.
    name: "strip-write-key",
    run: ({ item }) => {
      delete item.writeKey;
    },
  },
  {
    name: "check-field-types",
    run: ({ item }) => {
      for (const f of OBJECT_FIELDS) if (item[f] !== undefined && item[f] !== null && !isJsonObject(item[f])) return "invalid_field";
      if (item.event !== undefined && typeof item.event !== "string") return "invalid_field";
    },
  },
  {
    name: "merge-batch-fields",
    run: ({ item, envelope }) => {
      if (envelope.context) item.context = { ...envelope.context, ...(isJsonObject(item.context) ? item.context : {}) };
      if (envelope.integrations) {
        item.integrations = { ...envelope.integrations, ...(isJsonObject(item.integrations) ? item.integrations : {}) };
      }
      if (item.sentAt === undefined && envelope.sentAt !== undefined) item.sentAt = envelope.sentAt;
    },
  },
  {
    name: "check-identity",
    run: ({ item }) => {
      const userId = asId(item.userId);
      const anonymousId = asId(item.anonymousId);
      if (userId === false || anonymousId === false) return "invalid_field";
      if (userId === null && anonymousId === null) return "missing_identity";
      if (userId === null) delete item.userId;
      else item.userId = userId;
      if (anonymousId === null) delete item.anonymousId;
      else item.anonymousId = anonymousId;
    },
  },
  {
    name: "check-type-fields",
    run: ({ item }) => {
      if (item.type === "track" && (typeof item.event !== "string" || item.event === "")) return "missing_event";
      if (item.type === "alias") {
        const previousId = asId(item.previousId);
        if (previousId === false) return "invalid_field";
        if (previousId === null) return "missing_previous_id";
        item.previousId = previousId;
      }
      if (item.type === "group") {
        const groupId = asId(item.groupId);
        if (groupId === false) return "invalid_field";
        if (groupId === null) return "missing_group_id";
        item.groupId = groupId;
      }
    },
  },
  {
    name: "assign-message-id",
    run: ({ item, clock }) => {
      if (item.messageId === undefined || item.messageId === null || item.messageId === "") {
        // Time first, like the SDKs' ids, so its dedupe key lands at the index's right edge (lib/eventlog/dedupe-key.ts).
        item.messageId = `sy-${clock.receivedMs}-${randomUUID()}`;
        return;
      }
      if (typeof item.messageId !== "string" || item.messageId.length >= LIMITS.maxMessageIdLength) return "invalid_message_id";
    },
  },
  {
    // timestamp = receivedAt - (sentAt - originalTimestamp): the client clock's offset cancels out.
    name: "stamp-times",
    run: ({ item, clock }) => {
      const original = parseTime(item.timestamp ?? item.originalTimestamp);
      const sentAt = clock.sentAtOf(item.sentAt);
      if (original === false || sentAt === false) return "invalid_timestamp";
      item.receivedAt = clock.receivedIso;
      if (sentAt) item.sentAt = sentAt.iso;
      if (original !== null) {
        const originalIso = formatIsoTime(original);
        item.originalTimestamp = originalIso;
        item.timestamp = sentAt ? formatIsoTime(clock.receivedMs - (sentAt.ms - original)) : originalIso;
      } else {
        item.timestamp = clock.receivedIso;
      }
    },
  },
  {
    name: "enrich-context",
    run: ({ item, facts }) => {
      const context: JsonObject = isJsonObject(item.context) ? item.context : {};
      if (typeof context.ip !== "string" || context.direct === true) context.ip = facts.ip;
      if (context.userAgent === undefined && facts.userAgent) context.userAgent = facts.userAgent;
      item.context = context;
    },
  },
  {
    name: "default-integrations",
    run: ({ item }) => {
      // `All` defaults to true, so adding it when absent changes no routing and makes the default explicit.
      if (!isJsonObject(item.integrations)) item.integrations = { All: true };
      else if (item.integrations.All === undefined) item.integrations = { All: true, ...item.integrations };
    },
  },
  {
    name: "serialize",
    run: (s) => {
      const payload = JSON.stringify(s.item);
      // Length in UTF-16 units never exceeds UTF-8 bytes by more than 3x; compute bytes only near the limit.
      if (payload.length > LIMITS.maxEventBytes / 3 && Buffer.byteLength(payload) > LIMITS.maxEventBytes) return "event_too_large";
      s.payload = payload;
    },
  },
];

export type NormalizeResult = { accepted: NormalizedEvent[]; rejected: RejectedItem[] };

// Runs every item through PIPELINE; an item stops at the first step that rejects it.
export function normalizeEvents(body: ParsedTrackingBody, facts: RequestFacts, steps: PipelineStep[] = PIPELINE): NormalizeResult {
  const accepted: NormalizedEvent[] = [];
  const rejected: RejectedItem[] = [];
  const clock = new RequestClock(facts.receivedAt);
  for (const raw of body.items) {
    if ("tooDeep" in raw) {
      rejected.push({ index: raw.index, reason: "too_deep" });
      continue;
    }
    if (!isJsonObject(raw.value)) {
      rejected.push({ index: raw.index, reason: "invalid_item", item: raw.value });
      continue;
    }
    const state: ItemState = { item: raw.value, facts, clock, envelope: body.envelope };
    let reason: ItemRejectReason | void = undefined;
    for (const step of steps) {
      reason = step.run(state);
      if (reason) break;
    }
    if (reason || state.payload === undefined) {
      rejected.push({ index: raw.index, reason: reason || "invalid_item", item: raw.value });
      continue;
    }
    const item = state.item;
    accepted.push({
      index: raw.index,
      messageId: item.messageId as string,
      type: item.type as EventType,
      event: typeof item.event === "string" ? item.event : null,
      userId: typeof item.userId === "string" ? item.userId : null,
      anonymousId: typeof item.anonymousId === "string" ? item.anonymousId : null,
      previousId: typeof item.previousId === "string" ? item.previousId : null,
      receivedAt: facts.receivedAt,
      payload: state.payload,
    });
  }
  return { accepted, rejected };
}
