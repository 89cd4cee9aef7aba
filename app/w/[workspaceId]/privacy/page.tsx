import type { Metadata } from "next";
import { PrivacyPage } from "@/components/workspace/coming-soon-pages";

export const metadata: Metadata = { title: "Privacy" };

type Props = { params: Promise<{ workspaceId: string }> };

export default async function Page({ params }: Props) {
  const { workspaceId } = await params;
  return <PrivacyPage workspaceId={workspaceId} />;
}
