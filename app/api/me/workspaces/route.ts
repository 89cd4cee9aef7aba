import { z } from "zod";
import { createWorkspace } from "@/domain/workspaces/create-workspace";
import { listWorkspacesForUser } from "@/domain/workspaces/list-workspaces-for-user";
import { apiRoute } from "@/lib/api/api-route";
import { nameSchema } from "@/lib/validation/common";

export const GET = apiRoute({ auth: "user" }, async ({ user }) => ({
  workspaces: await listWorkspacesForUser({ userId: user!.id }),
}));

export const POST = apiRoute({ auth: "user", body: z.object({ name: nameSchema }) }, async ({ user, actor, body }) => {
  const workspace = await createWorkspace({ name: body.name, ownerUserId: user!.id, actor });
  return { workspace };
});
