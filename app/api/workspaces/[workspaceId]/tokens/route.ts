import { createApiToken, createApiTokenInput } from "@/domain/tokens/create-api-token";
import { listApiTokens } from "@/domain/tokens/list-api-tokens";
import { apiRoute } from "@/lib/api/api-route";
import { AppError } from "@/lib/errors/app-error";

export const GET = apiRoute({ auth: { action: "tokens.read" } }, async ({ workspaceId }) => ({
  tokens: await listApiTokens({ workspaceId }),
}));

export const POST = apiRoute(
  { auth: { action: "tokens.write" }, body: createApiTokenInput },
  async ({ workspaceId, body, user, actor, requestId }) => {
    if (!user) throw new AppError("forbidden", "API tokens are created by a signed-in Owner");
    return { token: await createApiToken({ workspaceId, createdById: user.id, actor, requestId, ...body }) };
  },
);
