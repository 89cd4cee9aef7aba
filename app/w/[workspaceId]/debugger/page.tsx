import type { Metadata } from "next";
import { DebuggerPage } from "@/components/debugger/debugger-page";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Debugger" };

type Props = { params: Promise<{ workspaceId: string }> };

export default async function Page({ params }: Props) {
  const { workspaceId } = await params;
  return <DebuggerPage workspaceId={workspaceId} collectorUrl={getEnv().COLLECTOR_PUBLIC_URL} />;
}
