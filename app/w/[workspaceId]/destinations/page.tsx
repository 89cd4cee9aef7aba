import type { Metadata } from "next";
import { DestinationsPage } from "@/components/destinations/destinations-page";

export const metadata: Metadata = { title: "Destinations" };

type Props = { params: Promise<{ workspaceId: string }> };

export default async function Page({ params }: Props) {
  const { workspaceId } = await params;
  return <DestinationsPage workspaceId={workspaceId} />;
}
