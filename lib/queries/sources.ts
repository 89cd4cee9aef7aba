import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SourceDetail } from "@/domain/sources/get-source";
import type { SourceVolume } from "@/domain/sources/get-source-volume";
import type { SourceSummary } from "@/domain/sources/list-sources";
import type { IssuedWriteKey } from "@/domain/write-keys/issue-write-key";
import type { WriteKeySummary } from "@/domain/write-keys/list-write-keys";
import { apiFetch } from "@/lib/client/api-fetch";
import type { Wire } from "@/lib/client/wire";
import { auditKeys } from "./audit";

export type SourceType = SourceSummary["type"];
export type SourceRow = Wire<SourceSummary>;
export type Source = Wire<SourceDetail>;
export type WriteKeyRow = Wire<WriteKeySummary>;
export type NewWriteKey = Wire<IssuedWriteKey>;
export type Volume = Wire<SourceVolume>;
export type CreatedSource = { source: Source; writeKey: NewWriteKey };
export type RotatedWriteKey = { writeKey: NewWriteKey; rotated: { id: string; prefix: string; expiresAt: string }[] };

export const sourceKeys = {
  all: (workspaceId: string) => ["workspaces", workspaceId, "sources"] as const,
  list: (workspaceId: string) => [...sourceKeys.all(workspaceId), "list"] as const,
  detail: (workspaceId: string, sourceId: string) => [...sourceKeys.all(workspaceId), "detail", sourceId] as const,
  writeKeys: (workspaceId: string, sourceId: string) => [...sourceKeys.detail(workspaceId, sourceId), "write-keys"] as const,
  volume: (workspaceId: string, sourceId: string) => [...sourceKeys.detail(workspaceId, sourceId), "volume"] as const,
};

const base = (workspaceId: string) => `/api/workspaces/${encodeURIComponent(workspaceId)}/sources`;
const one = (workspaceId: string, sourceId: string) => `${base(workspaceId)}/${encodeURIComponent(sourceId)}`;

export function useSources(workspaceId: string) {
  return useQuery({
    queryKey: sourceKeys.list(workspaceId),
    queryFn: () => apiFetch<{ sources: SourceRow[] }>(base(workspaceId)).then((r) => r.sources),
  });
}

export function useSource(workspaceId: string, sourceId: string) {
  return useQuery({
    queryKey: sourceKeys.detail(workspaceId, sourceId),
    queryFn: () => apiFetch<{ source: Source }>(one(workspaceId, sourceId)).then((r) => r.source),
  });
}

export function useSourceVolume(workspaceId: string, sourceId: string) {
  return useQuery({
    queryKey: sourceKeys.volume(workspaceId, sourceId),
    queryFn: () => apiFetch<Volume>(`${one(workspaceId, sourceId)}/volume`),
    refetchInterval: 60_000,
  });
}

export function useWriteKeys(workspaceId: string, sourceId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    enabled: options.enabled ?? true,
    queryKey: sourceKeys.writeKeys(workspaceId, sourceId),
    queryFn: () => apiFetch<{ keys: WriteKeyRow[] }>(`${one(workspaceId, sourceId)}/write-keys`).then((r) => r.keys),
  });
}

// Every change is audited, so the audit log is refreshed with the sources.
function useInvalidate(workspaceId: string) {
  const qc = useQueryClient();
  return (...keys: (readonly unknown[])[]) =>
    Promise.all([...keys, auditKeys.all(workspaceId)].map((queryKey) => qc.invalidateQueries({ queryKey })));
}

export function useCreateSource(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (input: { name: string; type: SourceType }) => apiFetch<CreatedSource>(base(workspaceId), { method: "POST", body: input }),
    onSuccess: () => invalidate(sourceKeys.list(workspaceId)),
  });
}

export function useRenameSource(workspaceId: string, sourceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (input: { name: string }) =>
      apiFetch<{ source: Source }>(one(workspaceId, sourceId), { method: "PATCH", body: input }).then((r) => r.source),
    onSuccess: () => invalidate(sourceKeys.list(workspaceId), sourceKeys.detail(workspaceId, sourceId)),
  });
}

// The caller navigates away on success; the deleted source's queries are dropped, not refetched.
export function useDeleteSource(workspaceId: string, sourceId: string) {
  const qc = useQueryClient();
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: () => apiFetch(one(workspaceId, sourceId), { method: "DELETE" }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: sourceKeys.detail(workspaceId, sourceId) });
      return invalidate(sourceKeys.list(workspaceId));
    },
  });
}

// Key changes alter the key list and the key count in the sources list.
function useInvalidateKeys(workspaceId: string, sourceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return () => invalidate(sourceKeys.writeKeys(workspaceId, sourceId), sourceKeys.list(workspaceId));
}

export function useCreateWriteKey(workspaceId: string, sourceId: string) {
  const invalidate = useInvalidateKeys(workspaceId, sourceId);
  return useMutation({
    mutationFn: () =>
      apiFetch<{ writeKey: NewWriteKey }>(`${one(workspaceId, sourceId)}/write-keys`, { method: "POST", body: {} }).then((r) => r.writeKey),
    onSuccess: invalidate,
  });
}

export function useRotateWriteKeys(workspaceId: string, sourceId: string) {
  const invalidate = useInvalidateKeys(workspaceId, sourceId);
  return useMutation({
    mutationFn: (input: { graceHours: number; keyId?: string }) =>
      apiFetch<RotatedWriteKey>(`${one(workspaceId, sourceId)}/write-keys/rotate`, { method: "POST", body: input }),
    onSuccess: invalidate,
  });
}

export function useRevokeWriteKey(workspaceId: string, sourceId: string) {
  const invalidate = useInvalidateKeys(workspaceId, sourceId);
  return useMutation({
    mutationFn: (keyId: string) => apiFetch(`${one(workspaceId, sourceId)}/write-keys/${encodeURIComponent(keyId)}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}
