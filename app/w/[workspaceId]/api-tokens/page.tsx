import type { Metadata } from "next";
import { ApiTokensPage } from "@/components/tokens/api-tokens-page";

export const metadata: Metadata = { title: "API tokens" };

type Props = { params: Promise<{ workspaceId: string }> };

export default async function Page({ params }: Props) {
  const { workspaceId } = await params;
  return <ApiTokensPage workspaceId={workspaceId} />;
}
