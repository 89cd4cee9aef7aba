import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type pg from "pg";

// The event log lives in its own schema, outside Prisma's view: partitioned tables and hot-path SQL that Prisma
// neither models nor should diff. Files in ./migrations apply once each, in name order.

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

// `until` (a file name) stops after that migration: upgrade tests build a log as an older release left it.
export async function migrateEventLog(client: pg.Client | pg.Pool, o: { until?: string } = {}): Promise<string[]> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS eventlog`);
  await client.query(
    `CREATE TABLE IF NOT EXISTS eventlog.schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const done = new Set(
    (await client.query<{ name: string }>(`SELECT name FROM eventlog.schema_migrations`)).rows.map((r) => r.name),
  );
  const files = fs.existsSync(MIGRATIONS_DIR)
    ? fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith(".sql") && (o.until === undefined || f <= o.until)).sort()
    : [];
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, file), "utf8");
    await client.query("BEGIN");
    try {
      await client.query(sql);
      await client.query(`INSERT INTO eventlog.schema_migrations (name) VALUES ($1)`, [file]);
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK");
      throw new Error(`Event log migration ${file} failed: ${(err as Error).message}`);
    }
    applied.push(file);
  }
  return applied;
}
