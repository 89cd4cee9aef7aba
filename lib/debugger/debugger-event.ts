// What the live debugger stream carries for each item the collector received: an accepted event with its normalized
// payload, or a refused item with the reason. Shared by the collector (which writes it) and the console (which
// reads it); framework-free.

export type DebuggerOutcome = "accepted" | "rejected";

export type DebuggerEvent = {
  // The stream position "<tx_id>.<seq>"; also the SSE `id:`, so Last-Event-ID resumes after it.
  id: string;
  outcome: DebuggerOutcome;
  // Rejections: the machine reason (pipeline/reject-reasons.ts) and its description.
  reason: string | null;
  reasonText: string | null;
  workspaceId: string;
  sourceId: string;
  receivedAt: string;
  type: string | null;
  event: string | null;
  userId: string | null;
  anonymousId: string | null;
  messageId: string | null;
  // A refused item's position in its request's batch (-1 when the whole request was refused).
  itemIndex: number | null;
  // Accepted: the normalized event. Rejected: the item as sent, or its first 2,000 characters as text when longer.
  payload: unknown;
};

// Named SSE events besides the default "message" (a DebuggerEvent):
//   ready    data { cursor }  the subscription is live; later events will arrive
//   expired  data {}          the token expired; mint a new one and reconnect with lastEventId
export const DEBUGGER_STREAM_PATH = "/v1/debugger/stream";
