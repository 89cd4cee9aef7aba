import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { getDestination } from "@/domain/destinations/get-destination";
import type { listDestinationTypes } from "@/domain/destinations/list-destination-types";
import type { listDestinations } from "@/domain/destinations/list-destinations";
import { apiFetch } from "@/lib/client/api-fetch";
import type { Wire } from "@/lib/client/wire";
import type { FilterAction } from "@/pipeline/filters/filter-schema";
import type { FieldMapping, MappingTrigger } from "@/pipeline/mappings/mapping-schema";
import { auditKeys } from "./audit";
import { workspaceKeys } from "./workspaces";

export type DestinationType = Wire<ReturnType<typeof listDestinationTypes>[number]>;
export type DestinationRow = Wire<Awaited<ReturnType<typeof listDestinations>>[number]>;
type DestinationDetailRaw = Wire<Awaited<ReturnType<typeof getDestination>>>;
// The stored JSON columns (actions, trigger, fields) come back untyped; these are the shapes the API validated.
export type Filter = Omit<DestinationDetailRaw["connections"][number]["filters"][number], "actions"> & { actions: FilterAction[] };
export type Connection = Omit<DestinationDetailRaw["connections"][number], "filters"> & { filters: Filter[] };
export type Mapping = Omit<DestinationDetailRaw["mappings"][number], "trigger" | "fields"> & { trigger: MappingTrigger; fields: FieldMapping[] };
export type DestinationDetail = Omit<DestinationDetailRaw, "connections" | "mappings"> & { connections: Connection[]; mappings: Mapping[] };

export type FilterDraft = { name: string; if: string; actions: FilterAction[]; enabled: boolean; position?: number };
export type MappingDraft = { name: string; enabled: boolean; trigger: MappingTrigger; fields: FieldMapping[]; position?: number };

export type RequestSample = { method: string; url: string; headers: Record<string, string>; body: string };
export type DeliverySample = {
  id: number;
  connectionId: string;
  createdAt: string;
  outcome: "discarded" | "retrying" | "dead_lettered" | string;
  messageId: string | null;
  status: number | null;
  error: string | null;
  event: Record<string, unknown> | null;
  request: RequestSample | null;
  response: string | null;
};
export type DeliveryPoint = { at: string; delivered: number; retried: number; failed: number; deadLettered: number; filtered: number; filterErrors: number };
export type DeliveryStats = {
  hours: number;
  bucketMinutes: number;
  totals: Omit<DeliveryPoint, "at">;
  pending: { retryQueue: number; deadLetters: number; failingConnections: number };
  p95LatencyMs: number | null;
  series: DeliveryPoint[];
  recentErrors: DeliverySample[];
};
export type DeadLetter = {
  id: number;
  connectionId: string;
  seq: string;
  messageId: string;
  event: Record<string, unknown>;
  attempts: number;
  firstFailedAt: string;
  deadAt: string;
  lastStatus: number | null;
  lastError: string | null;
};
export type PreviewResult = {
  connected: boolean;
  passes: boolean;
  reason: string | null;
  detail: string | null;
  event?: Record<string, unknown>;
  requests: RequestSample[];
};

export const destinationKeys = {
  all: (workspaceId: string) => ["workspaces", workspaceId, "destinations"] as const,
  types: (workspaceId: string) => [...destinationKeys.all(workspaceId), "types"] as const,
  list: (workspaceId: string) => [...destinationKeys.all(workspaceId), "list"] as const,
  detail: (workspaceId: string, destinationId: string) => [...destinationKeys.all(workspaceId), "detail", destinationId] as const,
  delivery: (workspaceId: string, destinationId: string, hours: number) =>
    [...destinationKeys.detail(workspaceId, destinationId), "delivery", hours] as const,
  deadLetters: (workspaceId: string, destinationId: string) => [...destinationKeys.detail(workspaceId, destinationId), "dead-letters"] as const,
};

const base = (workspaceId: string) => `/api/workspaces/${encodeURIComponent(workspaceId)}/destinations`;
const one = (workspaceId: string, destinationId: string) => `${base(workspaceId)}/${encodeURIComponent(destinationId)}`;

export function useDestinationTypes(workspaceId: string) {
  return useQuery({
    queryKey: destinationKeys.types(workspaceId),
    queryFn: () => apiFetch<{ types: DestinationType[] }>(`${base(workspaceId)}/types`).then((r) => r.types),
    staleTime: 10 * 60_000,
  });
}

export function useDestinations(workspaceId: string) {
  return useQuery({
    queryKey: destinationKeys.list(workspaceId),
    queryFn: () => apiFetch<{ destinations: DestinationRow[] }>(base(workspaceId)).then((r) => r.destinations),
  });
}

export function useDestination(workspaceId: string, destinationId: string) {
  return useQuery({
    queryKey: destinationKeys.detail(workspaceId, destinationId),
    queryFn: () => apiFetch<{ destination: DestinationDetail }>(one(workspaceId, destinationId)).then((r) => r.destination),
  });
}

export function useDeliveryStats(workspaceId: string, destinationId: string, hours: number) {
  const bucketMinutes = hours <= 1 ? 5 : hours <= 24 ? 60 : 360;
  return useQuery({
    queryKey: destinationKeys.delivery(workspaceId, destinationId, hours),
    queryFn: () => apiFetch<DeliveryStats>(`${one(workspaceId, destinationId)}/delivery?hours=${hours}&bucketMinutes=${bucketMinutes}`),
    refetchInterval: 10_000,
  });
}

export function useDeadLetters(workspaceId: string, destinationId: string) {
  return useQuery({
    queryKey: destinationKeys.deadLetters(workspaceId, destinationId),
    queryFn: () => apiFetch<{ total: number; deadLetters: DeadLetter[] }>(`${one(workspaceId, destinationId)}/dead-letters?limit=100`),
    refetchInterval: 15_000,
  });
}

// Every change is audited, so the audit log is refreshed with the destinations.
function useInvalidate(workspaceId: string) {
  const qc = useQueryClient();
  return (...keys: (readonly unknown[])[]) =>
    Promise.all([...keys, auditKeys.all(workspaceId)].map((queryKey) => qc.invalidateQueries({ queryKey })));
}

export function useCreateDestination(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (input: { type: string; name: string; enabled: boolean; settings: Record<string, unknown> }) =>
      apiFetch<{ destination: DestinationRow }>(base(workspaceId), { method: "POST", body: input }).then((r) => r.destination),
    // The usage page counts destinations against the tier.
    onSuccess: () => invalidate(destinationKeys.list(workspaceId), workspaceKeys.billing(workspaceId)),
  });
}

// Name, enabled and settings; secret settings sent back masked keep their stored value.
export function useUpdateDestination(workspaceId: string, destinationId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (input: { name?: string; enabled?: boolean; settings?: Record<string, unknown> }) =>
      apiFetch<{ destination: DestinationRow }>(one(workspaceId, destinationId), { method: "PATCH", body: input }).then((r) => r.destination),
    onSuccess: () => invalidate(destinationKeys.list(workspaceId), destinationKeys.detail(workspaceId, destinationId)),
  });
}

// For the list's toggles, where each row is another destination.
export function useToggleDestination(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: ({ destinationId, enabled }: { destinationId: string; enabled: boolean }) =>
      apiFetch(one(workspaceId, destinationId), { method: "PATCH", body: { enabled } }),
    onSuccess: (_data, { destinationId }) => invalidate(destinationKeys.list(workspaceId), destinationKeys.detail(workspaceId, destinationId)),
  });
}

// The caller navigates away on success; the deleted destination's queries are dropped, not refetched.
export function useDeleteDestination(workspaceId: string, destinationId: string) {
  const qc = useQueryClient();
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: () => apiFetch(one(workspaceId, destinationId), { method: "DELETE" }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: destinationKeys.detail(workspaceId, destinationId) });
      return invalidate(destinationKeys.list(workspaceId), workspaceKeys.billing(workspaceId));
    },
  });
}

// Connections, filters and mappings all live in the destination's detail (and connections in the list).
function useInvalidateDetail(workspaceId: string, destinationId: string) {
  const invalidate = useInvalidate(workspaceId);
  return () => invalidate(destinationKeys.detail(workspaceId, destinationId), destinationKeys.list(workspaceId));
}

export function useConnectSource(workspaceId: string, destinationId: string) {
  const invalidate = useInvalidateDetail(workspaceId, destinationId);
  return useMutation({
    mutationFn: (sourceId: string) => apiFetch(`${one(workspaceId, destinationId)}/connections`, { method: "POST", body: { sourceId } }),
    onSuccess: invalidate,
  });
}

export function useDisconnectSource(workspaceId: string, destinationId: string) {
  const invalidate = useInvalidateDetail(workspaceId, destinationId);
  return useMutation({
    mutationFn: (sourceId: string) => apiFetch(`${one(workspaceId, destinationId)}/connections/${encodeURIComponent(sourceId)}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}

export function useAddFilter(workspaceId: string, destinationId: string) {
  const invalidate = useInvalidateDetail(workspaceId, destinationId);
  return useMutation({
    mutationFn: ({ sourceId, filter }: { sourceId: string; filter: FilterDraft }) =>
      apiFetch<{ filter: Filter }>(`${one(workspaceId, destinationId)}/connections/${encodeURIComponent(sourceId)}/filters`, { method: "POST", body: filter }),
    onSuccess: invalidate,
  });
}

export function useUpdateFilter(workspaceId: string, destinationId: string) {
  const invalidate = useInvalidateDetail(workspaceId, destinationId);
  return useMutation({
    mutationFn: ({ filterId, filter }: { filterId: string; filter: FilterDraft }) =>
      apiFetch<{ filter: Filter }>(`${one(workspaceId, destinationId)}/filters/${encodeURIComponent(filterId)}`, { method: "PUT", body: filter }),
    onSuccess: invalidate,
  });
}

// Swaps two filters' positions (the API has no reorder call: two updates).
export function useSwapFilters(workspaceId: string, destinationId: string) {
  const invalidate = useInvalidateDetail(workspaceId, destinationId);
  return useMutation({
    mutationFn: async ([a, b]: [Filter, Filter]) => {
      const put = (f: Filter, position: number) =>
        apiFetch(`${one(workspaceId, destinationId)}/filters/${encodeURIComponent(f.id)}`, {
          method: "PUT",
          body: { name: f.name, if: f.if, actions: f.actions, enabled: f.enabled, position },
        });
      const [pa, pb] = a.position === b.position ? [a.position, a.position + 1] : [a.position, b.position];
      await put(a, pb);
      await put(b, pa);
    },
    onSettled: invalidate,
  });
}

export function useDeleteFilter(workspaceId: string, destinationId: string) {
  const invalidate = useInvalidateDetail(workspaceId, destinationId);
  return useMutation({
    mutationFn: (filterId: string) => apiFetch(`${one(workspaceId, destinationId)}/filters/${encodeURIComponent(filterId)}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}

export function useSaveMapping(workspaceId: string, destinationId: string) {
  const invalidate = useInvalidateDetail(workspaceId, destinationId);
  return useMutation({
    mutationFn: ({ mappingId, mapping }: { mappingId?: string; mapping: MappingDraft }) =>
      mappingId
        ? apiFetch<{ mapping: Mapping }>(`${one(workspaceId, destinationId)}/mappings/${encodeURIComponent(mappingId)}`, { method: "PUT", body: mapping })
        : apiFetch<{ mapping: Mapping }>(`${one(workspaceId, destinationId)}/mappings`, { method: "POST", body: mapping }),
    onSuccess: invalidate,
  });
}

export function useDeleteMapping(workspaceId: string, destinationId: string) {
  const invalidate = useInvalidateDetail(workspaceId, destinationId);
  return useMutation({
    mutationFn: (mappingId: string) => apiFetch(`${one(workspaceId, destinationId)}/mappings/${encodeURIComponent(mappingId)}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}

// Nothing is sent and nothing changes: a mutation only because it is run on demand with a body.
export function usePreviewDelivery(workspaceId: string, destinationId: string) {
  return useMutation({
    mutationFn: (input: { sourceId: string; event: Record<string, unknown>; filters?: { if: string; actions: FilterAction[] }[] }) =>
      apiFetch<PreviewResult>(`${one(workspaceId, destinationId)}/preview`, { method: "POST", body: input }),
  });
}

function useInvalidateDelivery(workspaceId: string, destinationId: string) {
  const invalidate = useInvalidate(workspaceId);
  // The delivery keys all sit under the detail key's "delivery" branch; dead letters have their own.
  return () => invalidate([...destinationKeys.detail(workspaceId, destinationId), "delivery"], destinationKeys.deadLetters(workspaceId, destinationId));
}

export function useRetryDeadLetters(workspaceId: string, destinationId: string) {
  const invalidate = useInvalidateDelivery(workspaceId, destinationId);
  return useMutation({
    mutationFn: (ids?: number[]) => apiFetch<{ retried: number }>(`${one(workspaceId, destinationId)}/dead-letters/retry`, { method: "POST", body: ids ? { ids } : {} }),
    onSuccess: invalidate,
  });
}

export function useDiscardDeadLetters(workspaceId: string, destinationId: string) {
  const invalidate = useInvalidateDelivery(workspaceId, destinationId);
  return useMutation({
    mutationFn: (ids?: number[]) =>
      apiFetch<{ discarded: number }>(`${one(workspaceId, destinationId)}/dead-letters/discard`, { method: "POST", body: ids ? { ids } : {} }),
    onSuccess: invalidate,
  });
}
