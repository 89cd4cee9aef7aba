import { revokeInvitation } from "@/domain/invitations/revoke-invitation";
import { apiRoute } from "@/lib/api/api-route";

export const DELETE = apiRoute({ auth: { action: "members.write" } }, async ({ workspaceId, params, actor, requestId }) =>
  revokeInvitation({ workspaceId, invitationId: params.invitationId, actor, requestId }),
);
