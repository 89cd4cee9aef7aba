// The collector process: `tsx collector/main.ts`. Never imports the console (next, react).
import { getEnv } from "@/lib/env";
import { buildApp } from "./build-app";
import { createCollectorPool } from "./create-collector-pool";
import { scheduleMaintenance } from "./schedule-maintenance";

const env = getEnv();
const pool = createCollectorPool(env.DATABASE_URL);
const app = await buildApp({ pool, publicUrl: env.COLLECTOR_PUBLIC_URL, trustedProxy: env.TRUSTED_PROXY, logLevel: env.LOG_LEVEL });
const stopMaintenance = scheduleMaintenance({ pool, retentionDays: env.EVENT_RETENTION_DAYS, log: app.log });

await app.listen({ port: env.COLLECTOR_PORT, host: env.COLLECTOR_HOST });

let stopping = false;
// Stop accepting (503), let in-flight requests finish and the writer flush, then exit.
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info(`${signal}: draining`);
  stopMaintenance();
  const force = setTimeout(() => process.exit(1), 20_000).unref();
  try {
    await app.close();
    await pool.end();
  } finally {
    clearTimeout(force);
    process.exit(0);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
