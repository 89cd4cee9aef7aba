// Why the collector refused an event or a request. Every reason has a counter and shows in the debugger.

export const ITEM_REJECT_REASONS = {
  invalid_item: "the item is not a JSON object",
  invalid_type: "type must be one of identify, track, page, screen, group, alias",
  missing_identity: "userId or anonymousId is required",
  missing_event: "a track needs an event name",
  missing_previous_id: "an alias needs previousId",
  missing_group_id: "a group needs groupId",
  invalid_field: "a field has the wrong type",
  invalid_message_id: "messageId must be a string shorter than 100 characters",
  invalid_timestamp: "timestamp, sentAt and originalTimestamp must be ISO-8601 dates",
  event_too_large: "the event is larger than 32 KB",
  too_deep: "the event is nested too deeply",
  // Recorded for the debugger (not answered per item): a messageId seen before, and events sent with a revoked or
  // expired write key that still names a source.
  duplicate: "an event with this messageId was already received",
  revoked_key: "the write key is revoked or expired",
} as const;

export type ItemRejectReason = keyof typeof ITEM_REJECT_REASONS;

export const REQUEST_REJECT_REASONS = [
  "invalid_json",
  "request_too_large",
  "batch_too_large",
  "unsupported_media_type",
  "unauthorized",
  "too_deep",
  "unavailable",
] as const;

export type RequestRejectReason = (typeof REQUEST_REJECT_REASONS)[number];

// The description of a stored rejection reason; reasons added later (tracking plans, suppression) read as themselves
// until they are listed above.
export function describeRejectReason(reason: string): string {
  return (ITEM_REJECT_REASONS as Record<string, string>)[reason] ?? reason.replace(/_/g, " ");
}
