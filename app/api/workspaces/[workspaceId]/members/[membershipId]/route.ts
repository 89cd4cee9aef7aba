import { changeMemberRole } from "@/domain/members/change-member-role";
import { roleAndScope } from "@/domain/members/member-scope";
import { removeMember } from "@/domain/members/remove-member";
import { apiRoute } from "@/lib/api/api-route";

export const PATCH = apiRoute(
  { auth: { action: "members.write" }, body: roleAndScope },
  async ({ workspaceId, params, body, actor, requestId }) => ({
    membership: await changeMemberRole({ workspaceId, membershipId: params.membershipId, actor, requestId, ...body }),
  }),
);

export const DELETE = apiRoute({ auth: { action: "members.write" } }, async ({ workspaceId, params, actor, requestId }) =>
  removeMember({ workspaceId, membershipId: params.membershipId, actor, requestId }),
);
