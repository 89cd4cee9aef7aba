import { canSignUp } from "@/domain/users/can-sign-up";
import { createUser, createUserInput } from "@/domain/users/create-user";
import { apiRoute } from "@/lib/api/api-route";
import { AppError } from "@/lib/errors/app-error";

export const POST = apiRoute({ auth: "public", body: createUserInput }, async ({ body }) => {
  if (!(await canSignUp({ email: body.email }))) {
    throw new AppError("forbidden", "Sign-up is by invitation only on this instance");
  }
  const user = await createUser(body);
  return { user: { id: user.id, email: user.email, name: user.name } };
});
