import type { Metadata } from "next";
import { DestinationCatalog } from "@/components/destinations/destination-catalog";

export const metadata: Metadata = { title: "Add a destination" };

type Props = { params: Promise<{ workspaceId: string }>; searchParams: Promise<{ type?: string | string[] }> };

export default async function Page({ params, searchParams }: Props) {
  const { workspaceId } = await params;
  const { type } = await searchParams;
  return <DestinationCatalog workspaceId={workspaceId} selectedType={Array.isArray(type) ? type[0] : type} />;
}
