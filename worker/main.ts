import pg from "pg";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { closeDestinationTypes } from "@/pipeline/destinations/registry";
import { DeliveryWorker } from "./delivery-worker";

// The delivery worker process (`npm start` launches it; several may run against one database).
async function main() {
  const env = getEnv();
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: env.DELIVERY_CONCURRENCY + 6 });
  pool.on("error", () => {});
  const worker = new DeliveryWorker({
    pool,
    allowPrivateDestinations: env.SWITCHYARD_ALLOW_PRIVATE_DESTINATIONS,
    retryWindowMs: env.DELIVERY_RETRY_WINDOW_HOURS * 3_600_000,
    backoffBaseMs: env.DELIVERY_BACKOFF_BASE_MS,
    backoffMaxMs: env.DELIVERY_BACKOFF_MAX_MS,
    sendTimeoutMs: env.DELIVERY_SEND_TIMEOUT_MS,
    concurrency: env.DELIVERY_CONCURRENCY,
    defaultWarehouseUrl: env.DATABASE_URL,
  });
  await worker.start();
  logger.info("delivery worker started", { worker: worker.id });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("delivery worker stopping", { worker: worker.id, signal });
    await worker.stop(10_000);
    await closeDestinationTypes();
    await pool.end().catch(() => {});
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err) => {
  logger.error("delivery worker failed to start", { error: (err as Error).stack ?? String(err) });
  process.exit(1);
});
