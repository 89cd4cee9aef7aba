// `npm test`: unit and integration tests (vitest) against a real PostgreSQL database created for this run,
// then the end-to-end suite (Playwright in Chromium) against the built console and a live collector.
// Uses DATABASE_URL's server when set (local servers only), an embedded PostgreSQL otherwise.
//
//   npm test                    everything
//   npm test -- unit [filter]   vitest only (filter: file name substring)
//   npm test -- e2e [filter]    Playwright only
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { isLocalDatabase, redactUrl, withDatabase } from "./lib/database-url";
import { startEmbeddedDb, type EmbeddedDb } from "./lib/embedded-db";
import { generatePrismaClient, migrateDatabase } from "./lib/migrate-database";
import { buildConsole, consoleBuildIsCurrent, startServices, stopServices, waitForHealthy, type Service } from "./lib/start-services";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, "..");
const RESULTS = path.join(ROOT, ".switchyard/test-results");
const [mode = "all", ...filters] = process.argv.slice(2);

type Counts = { passed: number; failed: number; skipped: number };

function run(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: "inherit" });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

// exitCode: vitest's own. A run that failed without a failed test (an uncaught exception or unhandled rejection
// outside any test, which vitest's JSON does not always mark) counts as one failure.
function vitestCounts(file: string, exitCode: number): Counts {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  let failed = (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0);
  if (failed === 0 && (exitCode !== 0 || r.success === false)) {
    console.error(`vitest exited with code ${exitCode} though no test failed: counted as a failure`);
    failed = 1;
  }
  return {
    passed: r.numPassedTests ?? 0,
    failed,
    skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
  };
}

function playwrightCounts(file: string): Counts {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const s = JSON.parse(fs.readFileSync(file, "utf8")).stats ?? {};
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 };
}

async function main() {
  fs.rmSync(RESULTS, { recursive: true, force: true });
  fs.mkdirSync(RESULTS, { recursive: true });
  await generatePrismaClient();

  let embedded: EmbeddedDb | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    if (!isLocalDatabase(serverUrl)) {
      throw new Error(`Refusing to run tests against a non-local database (${redactUrl(serverUrl)}).`);
    }
  } else {
    embedded = await startEmbeddedDb({
      dataDir: path.join(ROOT, ".switchyard/test-pg"),
      port: Number(process.env.TEST_PG_PORT ?? 54331),
    });
    serverUrl = embedded.url;
  }

  const dbName = `switchyard_test_${process.pid}`;
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  const databaseUrl = withDatabase(serverUrl, dbName);
  console.log(`Test database: ${redactUrl(databaseUrl)}${embedded ? " (embedded PostgreSQL)" : ""}`);

  const consolePort = Number(process.env.TEST_CONSOLE_PORT ?? 3100);
  const collectorPort = Number(process.env.TEST_COLLECTOR_PORT ?? 8180);
  const dataDir = path.join(ROOT, ".switchyard/test-data");
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    // Tests that need a database of their own (outage tests, benchmarks) create it on this server.
    SWITCHYARD_TEST_SERVER_URL: serverUrl,
    SWITCHYARD_DATA_DIR: dataDir,
    AUTH_SECRET: randomBytes(32).toString("hex"),
    SWITCHYARD_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    CONSOLE_URL: `http://localhost:${consolePort}`,
    NEXTAUTH_URL: `http://localhost:${consolePort}`,
    COLLECTOR_PUBLIC_URL: `http://localhost:${collectorPort}`,
    // e2e/destinations.spec.ts points a webhook at a receiver it runs on 127.0.0.1.
    SWITCHYARD_ALLOW_PRIVATE_DESTINATIONS: "true",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    NEXT_TELEMETRY_DISABLED: "1",
  };

  const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
  const add = (c: Counts) => {
    totals.passed += c.passed;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
  };
  let services: Service[] = [];
  try {
    await migrateDatabase(databaseUrl);

    if (mode === "all" || mode === "unit") {
      const out = path.join(RESULTS, "vitest.json");
      const code = await run(
        [path.join(ROOT, "node_modules/vitest/vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...filters],
        env,
      );
      add(vitestCounts(out, code));
    }

    if (mode === "all" || mode === "e2e") {
      if (process.env.CI || !consoleBuildIsCurrent(env)) await buildConsole(env);
      services = startServices({ env, consolePort, collectorPort, output: { file: path.join(RESULTS, "services.log") } });
      await waitForHealthy(services);
      const out = path.join(RESULTS, "playwright.json");
      await run([require.resolve("@playwright/test/cli"), "test", ...filters], {
        ...env,
        PLAYWRIGHT_JSON_OUTPUT_NAME: out,
      });
      add(playwrightCounts(out));
    }
  } finally {
    await stopServices(services);
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    await admin.end();
    await embedded?.stop();
  }

  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
