import { z } from "zod";
import { getEnv } from "@/lib/env";
import { migrateDatabase } from "@/scripts/lib/migrate-database";
import { defineCommand } from "../command";

export const migrateCommands = [
  defineCommand({
    name: "migrate",
    summary: "Apply database migrations (config and event log) to DATABASE_URL",
    usage: "migrate",
    options: z.object({}),
    run: async () => {
      await migrateDatabase(getEnv().DATABASE_URL);
      return { migrated: true };
    },
    human: () => "Database is up to date.",
  }),
];
