import { randomBytes } from "node:crypto";
import pg from "pg";
import { hashToken } from "../../lib/crypto/tokens";
import { isLocalDatabase, withDatabase } from "../../scripts/lib/database-url";
import { migrateDatabase } from "../../scripts/lib/migrate-database";

export type BenchDatabase = {
  url: string;
  // Settings every Switchyard process of the run shares.
  env: { DATABASE_URL: string; NODE_ENV: "production"; LOG_LEVEL: string; AUTH_SECRET: string; SWITCHYARD_ENCRYPTION_KEY: string };
  // A workspace (created on first use) and a source in it; returns the source's write key.
  seedSource: (o: { sourceId: string; workspaceId?: string; tier?: "FREE" | "TEAM" | "BUSINESS" }) => Promise<string>;
  drop: () => Promise<void>;
};

// A fresh, migrated database for one benchmark run, on DATABASE_URL's server (local only; default 127.0.0.1:5432).
export async function createBenchDatabase(label: string): Promise<BenchDatabase> {
  const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  if (!isLocalDatabase(serverUrl)) throw new Error("Refusing to benchmark against a non-local database.");
  const name = `switchyard_bench_${label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = withDatabase(serverUrl, name);
  const drop = async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end();
  };
  try {
    await migrateDatabase(url);
  } catch (err) {
    await drop();
    throw err;
  }
  const workspaces = new Set<string>();
  const seedSource: BenchDatabase["seedSource"] = async ({ sourceId, workspaceId = "ws_bench", tier = "FREE" }) => {
    const writeKey = randomBytes(24).toString("hex");
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      if (!workspaces.has(workspaceId)) {
        await db.query(`INSERT INTO workspaces (id, name, tier, updated_at) VALUES ($1, 'Bench', $2, now())`, [workspaceId, tier]);
        workspaces.add(workspaceId);
      }
      await db.query(`INSERT INTO sources (id, workspace_id, name, type, updated_at) VALUES ($1, $2, $1, 'SERVER', now())`, [sourceId, workspaceId]);
      await db.query(`INSERT INTO write_keys (id, workspace_id, source_id, prefix, key_hash) VALUES ($1, $2, $3, $4, $5)`, [
        `key_${sourceId}`, workspaceId, sourceId, writeKey.slice(0, 6), hashToken(writeKey),
      ]);
    } finally {
      await db.end();
    }
    return writeKey;
  };
  return {
    url,
    env: {
      DATABASE_URL: url,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      AUTH_SECRET: randomBytes(32).toString("hex"),
      SWITCHYARD_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    },
    seedSource,
    drop,
  };
}

export const basicAuth = (writeKey: string) => `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`;
