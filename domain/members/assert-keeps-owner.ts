import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors/app-error";

export type AssertKeepsOwnerOptions = { workspaceId: string; message: string };

// Call inside the transaction that demotes or removes an Owner, before the change. The workspace row is locked
// first, so two Owners demoting each other at the same moment are serialised and the second one sees the first's
// change: counting without the lock let both pass and left the workspace with no Owner.
export async function assertKeepsOwner(tx: Prisma.TransactionClient, { workspaceId, message }: AssertKeepsOwnerOptions): Promise<void> {
  await tx.$queryRaw`SELECT id FROM workspaces WHERE id = ${workspaceId} FOR UPDATE`;
  const owners = await tx.membership.count({ where: { workspaceId, role: "OWNER" } });
  if (owners <= 1) throw new AppError("conflict", message);
}
