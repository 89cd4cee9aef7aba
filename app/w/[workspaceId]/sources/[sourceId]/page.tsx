import type { Metadata } from "next";
import { SourcePage } from "@/components/sources/source-page";
import { requireSourceAccess } from "@/lib/auth/require-source-access";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Source" };

type Props = { params: Promise<{ workspaceId: string; sourceId: string }> };

export default async function Page({ params }: Props) {
  const { workspaceId, sourceId } = await params;
  await requireSourceAccess(workspaceId, sourceId);
  return <SourcePage workspaceId={workspaceId} sourceId={sourceId} collectorUrl={getEnv().COLLECTOR_PUBLIC_URL} />;
}
