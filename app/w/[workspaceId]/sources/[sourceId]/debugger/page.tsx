import type { Metadata } from "next";
import { DebuggerPage } from "@/components/debugger/debugger-page";
import { requireSourceAccess } from "@/lib/auth/require-source-access";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Debugger" };

type Props = { params: Promise<{ workspaceId: string; sourceId: string }> };

export default async function Page({ params }: Props) {
  const { workspaceId, sourceId } = await params;
  await requireSourceAccess(workspaceId, sourceId);
  return <DebuggerPage workspaceId={workspaceId} sourceId={sourceId} collectorUrl={getEnv().COLLECTOR_PUBLIC_URL} />;
}
