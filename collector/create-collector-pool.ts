import pg from "pg";

// The collector's own pool: short connect timeout so an unreachable database answers 503 quickly instead of
// holding requests; idle-client errors (database restarts) are absorbed and the pool reconnects on next use.
export function createCollectorPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: 2_000,
    idleTimeoutMillis: 30_000,
    query_timeout: 15_000,
    // JIT-compiling the write statement when a large batch tips its cost estimate costs 100+ ms, far more than
    // the statement itself: the tail latency of the whole collector.
    options: "-c jit=off",
  });
  pool.on("error", () => {});
  return pool;
}
