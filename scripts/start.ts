// `npm start`: one supervisor for everything. Without DATABASE_URL it runs an embedded PostgreSQL with its data
// under .switchyard/ (SWITCHYARD_DATA_DIR); then it applies migrations, builds the console when its sources
// changed, and starts the console, the collector and the delivery worker. Ctrl-C stops them all, database last.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { redactUrl, withDatabase } from "./lib/database-url";
import { startEmbeddedDb, type EmbeddedDb } from "./lib/embedded-db";
import { generatePrismaClient, migrateDatabase } from "./lib/migrate-database";
import { buildConsole, consoleBuildIsCurrent, startServices, stopServices, waitForHealthy, type Service } from "./lib/start-services";

const ROOT = path.resolve(import.meta.dirname, "..");
const dataDir = path.resolve(ROOT, process.env.SWITCHYARD_DATA_DIR ?? ".switchyard");
const say = (line: string) => process.stdout.write(`[switchyard] ${line}\n`);

// Secrets come from the environment. For a local install that sets none, they are generated once and kept in
// <data dir>/secrets.env (readable by this user only), so sessions and encrypted settings survive restarts.
function ensureLocalSecrets(): Record<string, string> {
  const file = path.join(dataDir, "secrets.env");
  const existing: Record<string, string> = {};
  if (fs.existsSync(file)) {
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
      const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
      if (m) existing[m[1]] = m[2];
    }
  }
  const wanted = ["AUTH_SECRET", "SWITCHYARD_ENCRYPTION_KEY"].filter((k) => !process.env[k]);
  let changed = false;
  for (const key of wanted) {
    if (!existing[key]) {
      existing[key] = randomBytes(32).toString("hex");
      changed = true;
    }
  }
  if (changed) {
    fs.writeFileSync(file, Object.entries(existing).map(([k, v]) => `${k}=${v}`).join("\n") + "\n", { mode: 0o600 });
    say(`generated local secrets in ${path.relative(ROOT, file)} (set AUTH_SECRET and SWITCHYARD_ENCRYPTION_KEY to use your own)`);
  }
  return Object.fromEntries(wanted.map((k) => [k, existing[k]]));
}

async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return withDatabase(serverUrl, name);
}

async function main() {
  fs.mkdirSync(dataDir, { recursive: true });
  const secrets = ensureLocalSecrets();

  let embedded: EmbeddedDb | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  const databaseEnvFile = path.join(dataDir, "database.env");
  if (!databaseUrl) {
    say("no DATABASE_URL: starting the embedded PostgreSQL");
    embedded = await startEmbeddedDb({ dataDir: path.join(dataDir, "pg"), port: Number(process.env.EMBEDDED_PG_PORT ?? 54329) });
    databaseUrl = await ensureDatabase(embedded.url, "switchyard");
    // Lets `npx switchyard ...` reach the embedded database while Switchyard runs.
    fs.writeFileSync(databaseEnvFile, `DATABASE_URL=${databaseUrl}\n`, { mode: 0o600 });
  } else {
    fs.rmSync(databaseEnvFile, { force: true });
  }

  let services: Service[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("stopping...");
    await stopServices(services);
    await embedded?.stop();
    fs.rmSync(databaseEnvFile, { force: true });
    say("stopped");
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    say(`database: ${redactUrl(databaseUrl)}`);
    await generatePrismaClient();
    await migrateDatabase(databaseUrl);

    const consolePort = Number(process.env.PORT ?? 3000);
    const collectorPort = Number(process.env.COLLECTOR_PORT ?? 8080);
    const consoleUrl = process.env.CONSOLE_URL ?? `http://localhost:${consolePort}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...secrets,
      DATABASE_URL: databaseUrl,
      SWITCHYARD_DATA_DIR: dataDir,
      CONSOLE_URL: consoleUrl,
      NEXTAUTH_URL: consoleUrl,
      COLLECTOR_PUBLIC_URL: process.env.COLLECTOR_PUBLIC_URL ?? `http://localhost:${collectorPort}`,
      NEXT_TELEMETRY_DISABLED: "1",
    };
    if (!consoleBuildIsCurrent(env)) {
      say("building the console (first start, or the sources changed)...");
      await buildConsole(env, true);
    }
    services = startServices({ env, consolePort, collectorPort, output: "prefixed" });
    for (const s of services) {
      s.child.on("exit", (code) => {
        if (!stopping) {
          say(`${s.name} exited unexpectedly (code ${code}); stopping everything`);
          void shutdown(1);
        }
      });
    }
    await waitForHealthy(services, 120_000);
    say(`ready: console ${consoleUrl} · collector ${env.COLLECTOR_PUBLIC_URL}`);
  } catch (err) {
    process.stderr.write(`[switchyard] ${err instanceof Error ? err.message : String(err)}\n`);
    await shutdown(1);
  }
}

void main();
