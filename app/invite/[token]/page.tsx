import type { Metadata } from "next";
import { InvitePage } from "@/components/invite/invite-page";

export const metadata: Metadata = { title: "Invitation" };

type Props = { params: Promise<{ token: string }> };

export default async function Page({ params }: Props) {
  const { token } = await params;
  return <InvitePage token={token} />;
}
