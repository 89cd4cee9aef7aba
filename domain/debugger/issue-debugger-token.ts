import { signDebuggerToken } from "@/lib/debugger/debugger-token";
import { DEBUGGER_STREAM_PATH } from "@/lib/debugger/debugger-event";

export type IssueDebuggerTokenOptions = {
  secret: string;
  collectorUrl: string;
  workspaceId: string;
  // The caller (user id, or API token id).
  subjectId: string;
  // null: every source of the workspace; otherwise the sources the stream may carry.
  sourceIds: readonly string[] | null;
  // Narrows the stream to one source (a source's debugger page).
  sourceId?: string;
};

export type IssuedDebuggerToken = { token: string; expiresAt: Date; streamUrl: string };

// A short-lived token for the collector's debugger stream, and the URL to open with it. The caller has already
// checked that the member may read the debugger of these sources.
export function issueDebuggerToken(o: IssueDebuggerTokenOptions): IssuedDebuggerToken {
  const { token, expiresAt } = signDebuggerToken({
    secret: o.secret,
    workspaceId: o.workspaceId,
    sourceIds: o.sourceIds === null ? null : [...o.sourceIds],
    userId: o.subjectId,
  });
  const url = new URL(DEBUGGER_STREAM_PATH, o.collectorUrl.replace(/\/+$/, "") + "/");
  url.searchParams.set("token", token);
  if (o.sourceId) url.searchParams.set("sourceId", o.sourceId);
  return { token, expiresAt, streamUrl: url.toString() };
}
