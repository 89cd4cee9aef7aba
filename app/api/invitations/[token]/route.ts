import { acceptInvitation } from "@/domain/invitations/accept-invitation";
import { findInvitation } from "@/domain/invitations/find-invitation";
import { apiRoute } from "@/lib/api/api-route";
import { notFound } from "@/lib/errors/app-error";

// Anyone holding the link may see whom it is for; accepting needs the invited account.
export const GET = apiRoute({ auth: "public" }, async ({ params }) => {
  const invitation = await findInvitation({ token: params.token });
  if (!invitation) throw notFound("This invitation is invalid, expired or already used");
  return { invitation };
});

export const POST = apiRoute({ auth: "user" }, async ({ params, user, actor, requestId }) =>
  acceptInvitation({ token: params.token, userId: user!.id, actor, requestId }),
);
