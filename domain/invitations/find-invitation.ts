import { getPrisma } from "@/lib/db/prisma";
import { hashToken } from "@/lib/crypto/tokens";

// A pending invitation by its token, for the accept page. Expired, revoked and used ones read as missing.
export async function findInvitation({ token }: { token: string }) {
  const row = await getPrisma().invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { workspace: { select: { id: true, name: true } }, invitedBy: { select: { email: true } } },
  });
  if (!row || row.acceptedAt || row.revokedAt || row.expiresAt <= new Date()) return null;
  return { id: row.id, email: row.email, role: row.role, workspace: row.workspace, invitedBy: row.invitedBy.email, expiresAt: row.expiresAt };
}
