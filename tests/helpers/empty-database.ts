import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { getEnv } from "@/lib/env";
import { withDatabase } from "@/scripts/lib/database-url";
import { waitFor } from "./delivery";

// A database of the test file's own, created empty before its tests and dropped after them (upgrade tests build an
// event log as an older release left it). Returns its pool, once the tests run.
export function useEmptyDatabase(suffix: string): () => pg.Pool {
  const url = getEnv().DATABASE_URL;
  const name = `${new URL(url).pathname.slice(1)}_${suffix}`;
  let admin: pg.Client;
  let db: pg.Pool;
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: withDatabase(url, "postgres") });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    db = new pg.Pool({ connectionString: withDatabase(url, name), max: 4 });
  });
  afterAll(async () => {
    await db?.end();
    // pool.end() resolves before its connections have closed; forced off before then, one reports it as an error.
    await waitFor(
      async () => (await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1`, [name])).rows[0].n,
      (n) => n === 0,
      10_000,
      `${name}'s connections closed`,
    );
    await admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin?.end();
  });
  return () => db;
}
