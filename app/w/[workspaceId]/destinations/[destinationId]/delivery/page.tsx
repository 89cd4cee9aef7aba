import type { Metadata } from "next";
import { DeliveryView } from "@/components/destinations/delivery-view";

export const metadata: Metadata = { title: "Event delivery" };

type Props = { params: Promise<{ workspaceId: string; destinationId: string }> };

export default async function Page({ params }: Props) {
  const { workspaceId, destinationId } = await params;
  return <DeliveryView workspaceId={workspaceId} destinationId={destinationId} />;
}
