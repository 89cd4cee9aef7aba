import type { Metadata } from "next";
import { OverviewPage } from "@/components/workspace/overview-page";

export const metadata: Metadata = { title: "Overview" };

type Props = { params: Promise<{ workspaceId: string }> };

export default async function Page({ params }: Props) {
  const { workspaceId } = await params;
  return <OverviewPage workspaceId={workspaceId} />;
}
