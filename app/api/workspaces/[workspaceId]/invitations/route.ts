import { createInvitation } from "@/domain/invitations/create-invitation";
import { roleAndScope } from "@/domain/members/member-scope";
import { apiRoute } from "@/lib/api/api-route";
import { AppError } from "@/lib/errors/app-error";
import { emailSchema } from "@/lib/validation/common";

export const POST = apiRoute(
  { auth: { action: "members.write" }, body: roleAndScope.extend({ email: emailSchema }) },
  async ({ workspaceId, body, user, actor, requestId }) => {
    if (!user) throw new AppError("forbidden", "Invitations are sent by a signed-in Owner");
    return { invitation: await createInvitation({ workspaceId, invitedById: user.id, actor, requestId, ...body }) };
  },
);
