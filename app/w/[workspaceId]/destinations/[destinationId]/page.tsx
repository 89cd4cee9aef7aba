import type { Metadata } from "next";
import { DestinationPage } from "@/components/destinations/destination-page";

export const metadata: Metadata = { title: "Destination" };

type Props = { params: Promise<{ workspaceId: string; destinationId: string }> };

export default async function Page({ params }: Props) {
  const { workspaceId, destinationId } = await params;
  return <DestinationPage workspaceId={workspaceId} destinationId={destinationId} />;
}
