import pg from "pg";
import { getEnv } from "../env";

// Plain pg for hot paths (event log, usage counters) where Prisma would cost throughput.

const globalForPool = globalThis as unknown as { switchyardPool?: pg.Pool };

export function getPool(): pg.Pool {
  if (!globalForPool.switchyardPool) {
    const pool = new pg.Pool({ connectionString: getEnv().DATABASE_URL, max: 10 });
    // An idle client's connection dropping (database restart) must not crash the process.
    pool.on("error", () => {});
    globalForPool.switchyardPool = pool;
  }
  return globalForPool.switchyardPool;
}

export async function closePool() {
  await globalForPool.switchyardPool?.end();
  globalForPool.switchyardPool = undefined;
}
