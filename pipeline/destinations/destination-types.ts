import type { z } from "zod";
import type { MappingDefinition } from "../mappings/mapping-schema";

// What every destination module exports. Framework-free: the worker, the console's preview and the CLI share it.

export type SegmentEvent = Record<string, unknown>;

// One event on its way to a destination: its place in the log, the event after filters, and what the mapping made.
export type OutgoingItem = {
  seq: string;
  messageId: string;
  receivedAt: string;
  event: SegmentEvent;
  payload: unknown;
};

// The request as sent (or as it would be sent), with secrets redacted by the caller before it is stored or shown.
export type RequestSample = { method: string; url: string; headers: Record<string, string>; body: string };

export type SendResult =
  | { ok: true; status?: number; request?: RequestSample }
  | {
      ok: false;
      // permanent: discarded (400, 401, 403, invalid settings); retryable: 429, 5xx, network errors.
      kind: "permanent" | "retryable";
      status?: number;
      error: string;
      retryAfterMs?: number;
      request?: RequestSample;
      response?: string;
    };

export type SendContext = {
  allowPrivateDestinations: boolean;
  timeoutMs: number;
  workspaceId: string;
  sourceId: string;
  destinationId: string;
  // The database the embedded warehouse uses when a Postgres destination has no connection string.
  defaultWarehouseUrl?: string;
};

export type DestinationModule<S = Record<string, unknown>> = {
  type: string;
  // The name an event's `integrations` object uses for this destination (case-sensitive), e.g. "Webhooks".
  integrationName: string;
  label: string;
  description: string;
  // Warehouses ignore `integrations.All: false` and load the full event (no mappings).
  category: "destination" | "warehouse";
  settingsSchema: z.ZodType<S>;
  secretFields: readonly string[];
  defaultMappings: MappingDefinition[];
  // Fills in generated values (e.g. a signing secret) when a destination is created.
  prepareSettings?: (settings: S) => S;
  // How many items one send() takes, and how long a partial batch may wait to fill (ms).
  batching: (settings: S) => { size: number; intervalMs: number };
  // The exact request(s) send() would make for these items; for the console's preview.
  describe: (settings: S, items: OutgoingItem[], ctx: SendContext) => RequestSample[];
  send: (settings: S, items: OutgoingItem[], ctx: SendContext) => Promise<SendResult>;
  // Releases pooled resources (warehouse connections) when the worker stops.
  close?: () => Promise<void>;
};
