import { z } from "zod";
import { getPrisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { fromZodError } from "@/lib/errors/from-zod";
import { hashPassword } from "@/lib/crypto/hash-password";
import { createId } from "@/lib/ids/create-id";
import { emailSchema, nameSchema, passwordSchema } from "@/lib/validation/common";

export const createUserInput = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: nameSchema.optional(),
});

export type CreateUserOptions = z.input<typeof createUserInput>;

export async function createUser(options: CreateUserOptions) {
  const parsed = createUserInput.safeParse(options);
  if (!parsed.success) throw fromZodError(parsed.error);
  const { email, password, name } = parsed.data;
  const db = getPrisma();
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new AppError("conflict", "An account with this email already exists");
  }
  const user = await db.user.create({
    data: { id: createId({ kind: "user" }), email, name: name ?? null, passwordHash: await hashPassword(password) },
    select: { id: true, email: true, name: true, createdAt: true },
  });
  return user;
}
