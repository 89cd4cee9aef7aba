import type { Metadata } from "next";
import { TrackingPlansPage } from "@/components/workspace/coming-soon-pages";

export const metadata: Metadata = { title: "Tracking plans" };

type Props = { params: Promise<{ workspaceId: string }> };

export default async function Page({ params }: Props) {
  const { workspaceId } = await params;
  return <TrackingPlansPage workspaceId={workspaceId} />;
}
