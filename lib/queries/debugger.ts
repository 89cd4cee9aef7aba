import type { IssuedDebuggerToken } from "@/domain/debugger/issue-debugger-token";
import { apiFetch } from "@/lib/client/api-fetch";
import type { Wire } from "@/lib/client/wire";

export type DebuggerToken = Wire<IssuedDebuggerToken>;

// A fresh stream token (minted per connection, never cached: it lives five minutes and access may change).
export function mintDebuggerToken(workspaceId: string, sourceId?: string): Promise<DebuggerToken> {
  const ws = `/api/workspaces/${encodeURIComponent(workspaceId)}/debugger`;
  const path = sourceId ? `${ws}/sources/${encodeURIComponent(sourceId)}/token` : `${ws}/token`;
  return apiFetch<DebuggerToken>(path, { method: "POST", body: {} });
}
