import type { DebuggerEvent } from "@/lib/debugger/debugger-event";

// The debugger page's live list: newest first, capped, with events that arrive while paused held back (and
// counted) until resume. Pure, so the browser hook and the tests share it.

export const MAX_EVENTS = 1_000;

export type StreamStatus = "connecting" | "live" | "reconnecting" | "failed";

export type DebuggerState = {
  events: DebuggerEvent[];
  // Arrived while paused, newest first; `held` counts them all, even past the cap.
  pending: DebuggerEvent[];
  held: number;
  paused: boolean;
  status: StreamStatus;
  error: string | null;
};

export type DebuggerAction =
  | { type: "received"; events: DebuggerEvent[] }
  | { type: "pause" }
  | { type: "resume" }
  | { type: "clear" }
  | { type: "status"; status: StreamStatus; error?: string | null };

export const initialDebuggerState: DebuggerState = { events: [], pending: [], held: 0, paused: false, status: "connecting", error: null };

// `incoming` is in arrival order (oldest first).
function prepend(list: DebuggerEvent[], incoming: DebuggerEvent[]): DebuggerEvent[] {
  const seen = new Set(list.map((e) => e.id));
  const fresh = incoming.filter((e) => !seen.has(e.id)).reverse();
  return fresh.concat(list).slice(0, MAX_EVENTS);
}

export function debuggerReducer(state: DebuggerState, action: DebuggerAction): DebuggerState {
  switch (action.type) {
    case "received":
      if (state.paused) return { ...state, pending: prepend(state.pending, action.events), held: state.held + action.events.length };
      return { ...state, events: prepend(state.events, action.events) };
    case "pause":
      return { ...state, paused: true };
    case "resume":
      return { ...state, paused: false, events: prepend(state.events, [...state.pending].reverse()), pending: [], held: 0 };
    case "clear":
      return { ...state, events: [], pending: [], held: 0 };
    case "status":
      return { ...state, status: action.status, error: action.error ?? null };
  }
}

export type DebuggerFilters = { type: string; eventName: string; outcome: "" | "accepted" | "rejected"; search: string };

export const noFilters: DebuggerFilters = { type: "", eventName: "", outcome: "", search: "" };

export function matchesFilters(e: DebuggerEvent, f: DebuggerFilters): boolean {
  if (f.type && e.type !== f.type) return false;
  if (f.outcome && e.outcome !== f.outcome) return false;
  if (f.eventName && !(e.event ?? "").toLowerCase().includes(f.eventName.toLowerCase())) return false;
  if (f.search) {
    const text = typeof e.payload === "string" ? e.payload : JSON.stringify(e.payload);
    if (!text.toLowerCase().includes(f.search.toLowerCase())) return false;
  }
  return true;
}
