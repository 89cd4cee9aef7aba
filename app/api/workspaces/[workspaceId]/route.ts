import { z } from "zod";
import { getWorkspace } from "@/domain/workspaces/get-workspace";
import { renameWorkspace } from "@/domain/workspaces/rename-workspace";
import { apiRoute } from "@/lib/api/api-route";
import { nameSchema } from "@/lib/validation/common";

export const GET = apiRoute({ auth: { action: "workspace.read" } }, async ({ workspaceId, grant }) => ({
  workspace: await getWorkspace({ workspaceId }),
  membership: grant,
}));

export const PATCH = apiRoute(
  { auth: { action: "workspace.update" }, body: z.object({ name: nameSchema }) },
  async ({ workspaceId, body, actor, requestId }) => ({
    workspace: await renameWorkspace({ workspaceId, name: body.name, actor, requestId }),
  }),
);
