import { defineConfig } from "prisma/config";
import { createMigrationAdapter } from "./lib/db/migration-adapter";

// The CLI runs outside the app's typed env (lib/env.ts). `prisma generate` only needs the variable to exist;
// migrations run against the URL that scripts/lib/with-database.ts hands over.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/postgres";
const url = process.env.DATABASE_URL;

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => createMigrationAdapter(url),
});
