import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import pg from "pg";
import { migrateEventLog } from "../../lib/eventlog/migrate-event-log";

const require = createRequire(import.meta.url);

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(" ")} failed:\n${out}`))));
  });
}

// Applies the committed Prisma migrations (config) and the event log's SQL migrations.
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  const prismaCli = require.resolve("prisma/build/index.js");
  await run(process.execPath, [prismaCli, "migrate", "deploy"], { ...process.env, DATABASE_URL: databaseUrl });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await migrateEventLog(client);
  } finally {
    await client.end();
  }
}

export async function generatePrismaClient(): Promise<void> {
  const prismaCli = require.resolve("prisma/build/index.js");
  await run(process.execPath, [prismaCli, "generate"], process.env);
}
