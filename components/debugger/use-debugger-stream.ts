"use client";

import { useEffect, useReducer } from "react";
import { ApiError, errorMessage } from "@/lib/client/api-fetch";
import type { DebuggerEvent } from "@/lib/debugger/debugger-event";
import { mintDebuggerToken } from "@/lib/queries/debugger";
import { debuggerReducer, initialDebuggerState } from "./debugger-state";

// Opens the collector's debugger stream with a token minted by the console. Reconnects with a fresh token when the
// token expires or the connection is lost, resuming after the last event seen (no gaps, no repeats). Events that
// arrive in one burst are applied together (at most every 50 ms).
export function useDebuggerStream(workspaceId: string, sourceId?: string) {
  const [state, dispatch] = useReducer(debuggerReducer, initialDebuggerState);

  useEffect(() => {
    let stopped = false;
    let source: EventSource | null = null;
    let lastId: string | null = null;
    let retry: number | undefined;
    let batch: DebuggerEvent[] = [];
    let frame: number | undefined;

    const flush = () => {
      frame = undefined;
      const events = batch;
      batch = [];
      if (events.length > 0) dispatch({ type: "received", events });
    };

    const reconnect = (delayMs: number) => {
      source?.close();
      source = null;
      if (stopped) return;
      dispatch({ type: "status", status: "reconnecting" });
      window.clearTimeout(retry);
      retry = window.setTimeout(connect, delayMs);
    };

    async function connect() {
      if (stopped) return;
      let url: URL;
      try {
        const token = await mintDebuggerToken(workspaceId, sourceId);
        url = new URL(token.streamUrl);
      } catch (err) {
        if (stopped) return;
        // Not allowed (any more): stop; anything else (network, 5xx): try again.
        if (err instanceof ApiError && [401, 403, 404].includes(err.status)) {
          dispatch({ type: "status", status: "failed", error: errorMessage(err) });
          return;
        }
        dispatch({ type: "status", status: "reconnecting", error: errorMessage(err) });
        retry = window.setTimeout(connect, 5_000);
        return;
      }
      if (stopped) return;
      // A first connection opens with the latest items; a reconnection resumes exactly after the last one seen.
      if (lastId) url.searchParams.set("lastEventId", lastId);
      else url.searchParams.set("recent", "50");
      const es = new EventSource(url);
      source = es;
      es.addEventListener("ready", (e) => {
        lastId = (e as MessageEvent).lastEventId || lastId;
        dispatch({ type: "status", status: "live" });
      });
      es.onmessage = (e) => {
        lastId = e.lastEventId || lastId;
        try {
          batch.push(JSON.parse(e.data) as DebuggerEvent);
        } catch {
          return;
        }
        frame ??= window.setTimeout(flush, 50);
      };
      // The token ran out: a new one re-checks access; the stream resumes after lastId.
      es.addEventListener("expired", () => reconnect(0));
      es.onerror = () => {
        // CONNECTING: the browser retries by itself (sending Last-Event-ID). CLOSED: refused, e.g. the token expired.
        if (es.readyState === EventSource.CLOSED) reconnect(2_000);
        else dispatch({ type: "status", status: "reconnecting" });
      };
    }

    dispatch({ type: "clear" });
    dispatch({ type: "status", status: "connecting" });
    void connect();
    return () => {
      stopped = true;
      source?.close();
      window.clearTimeout(retry);
      window.clearTimeout(frame);
    };
  }, [workspaceId, sourceId]);

  return {
    ...state,
    pause: () => dispatch({ type: "pause" }),
    resume: () => dispatch({ type: "resume" }),
    clear: () => dispatch({ type: "clear" }),
  };
}
