import type { Metadata } from "next";
import { SourcesPage } from "@/components/sources/sources-page";

export const metadata: Metadata = { title: "Sources" };

type Props = { params: Promise<{ workspaceId: string }> };

export default async function Page({ params }: Props) {
  const { workspaceId } = await params;
  return <SourcesPage workspaceId={workspaceId} />;
}
