import { z } from "zod";
import { createUser } from "@/domain/users/create-user";
import { defineCommand } from "../command";

export const userCommands = [
  defineCommand({
    name: "user create",
    summary: "Create a user account",
    usage: "user create --email <email> --password <password> [--name <name>]",
    options: z.object({ email: z.string(), password: z.string(), name: z.string().optional() }),
    run: async (o) => ({ user: await createUser(o) }),
    human: (r) => `Created user ${r.user.email} (${r.user.id})`,
  }),
];
