import { listMembers } from "@/domain/members/list-members";
import { apiRoute } from "@/lib/api/api-route";

export const GET = apiRoute({ auth: { action: "members.read" } }, async ({ workspaceId }) => listMembers({ workspaceId }));
