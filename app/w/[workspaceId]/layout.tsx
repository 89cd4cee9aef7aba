import type { ReactNode } from "react";
import { WorkspaceShell } from "@/components/workspace/workspace-shell";
import { requireWorkspaceMember } from "@/lib/auth/require-workspace-member";

type Props = { children: ReactNode; params: Promise<{ workspaceId: string }> };

export default async function WorkspaceLayout({ children, params }: Props) {
  const { workspaceId } = await params;
  const { user } = await requireWorkspaceMember(workspaceId);
  return (
    <WorkspaceShell workspaceId={workspaceId} user={{ email: user.email, name: user.name }}>
      {children}
    </WorkspaceShell>
  );
}
