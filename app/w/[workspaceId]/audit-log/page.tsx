import type { Metadata } from "next";
import { AuditLogPage } from "@/components/audit/audit-log-page";

export const metadata: Metadata = { title: "Audit log" };

type Props = { params: Promise<{ workspaceId: string }> };

export default async function Page({ params }: Props) {
  const { workspaceId } = await params;
  return <AuditLogPage workspaceId={workspaceId} />;
}
