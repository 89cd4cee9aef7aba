import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { parse } from "pg-connection-string";
import { z } from "zod";
import type { DestinationModule, SendResult } from "../destination-types";
import { assertPublicHost, PrivateAddressError } from "../network-guard";
import { coerce, layoutBatch, quoteIdent, snakeIdentifier, type ColumnType, type TableRows } from "./warehouse-layout";

export const postgresSettingsSchema = z.object({
  // Empty: the Switchyard database itself (the embedded PostgreSQL in a local install) is the warehouse.
  connectionString: z
    .string()
    .max(2_000)
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional()
    .meta({ title: "Connection string", description: "postgres://user:password@host:5432/db. Leave empty to load into Switchyard's own database. Stored encrypted." }),
  batchSize: z.number().int().min(1).max(10_000).default(1_000).meta({ title: "Batch size", description: "Events per COPY." }),
  batchIntervalMs: z.number().int().min(0).max(600_000).default(1_000).meta({ title: "Batch wait (ms)", description: "How long a partial batch may wait for more events." }),
});
export type PostgresSettings = z.infer<typeof postgresSettingsSchema>;

const pools = new Map<string, pg.Pool>();
// Known columns per pool/schema.table, so a load only asks the catalog when it meets a new column.
const columnCache = new Map<string, Map<string, ColumnType>>();

function poolFor(url: string): pg.Pool {
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, max: 2, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 10_000 });
    pool.on("error", () => {});
    pools.set(url, pool);
  }
  return pool;
}

export function warehouseSchemaName(sourceId: string): string {
  return snakeIdentifier(sourceId, "source");
}

const CATALOG_TYPES: Record<string, ColumnType> = {
  text: "text",
  "double precision": "double precision",
  boolean: "boolean",
  "timestamp with time zone": "timestamptz",
};

async function ensureTable(client: pg.PoolClient, cacheKey: string, schema: string, t: TableRows): Promise<Map<string, ColumnType>> {
  const key = `${cacheKey}|${schema}.${t.table}`;
  let known = columnCache.get(key);
  const wanted = new Map<string, ColumnType>();
  for (const row of t.rows) for (const [col, v] of row) if (!wanted.has(col) || wanted.get(col) === "text") wanted.set(col, v.type);
  const missing = () => [...wanted.keys()].filter((c) => !known!.has(c));
  if (!known || missing().length) {
    const s = quoteIdent(schema);
    const table = `${s}.${quoteIdent(t.table)}`;
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`).catch(ignoreRace);
    await client
      .query(`CREATE TABLE IF NOT EXISTS ${table} (id text PRIMARY KEY, uuid_ts timestamptz NOT NULL DEFAULT now())`)
      .catch(ignoreRace);
    known = await readColumns(client, schema, t.table);
    const add = missing();
    if (add.length) {
      await client.query(
        `ALTER TABLE ${table} ${add.map((c) => `ADD COLUMN IF NOT EXISTS ${quoteIdent(c)} ${wanted.get(c)}`).join(", ")}`,
      );
      known = await readColumns(client, schema, t.table);
    }
    columnCache.set(key, known);
  }
  return known;
}

// Two workers creating the same schema or table at once: the loser's error is harmless.
function ignoreRace(err: { code?: string }) {
  if (err.code !== "23505" && err.code !== "42P07" && err.code !== "42P06") throw err;
}

async function readColumns(client: pg.PoolClient, schema: string, table: string): Promise<Map<string, ColumnType>> {
  const res = await client.query<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`,
    [schema, table],
  );
  return new Map(res.rows.map((r) => [r.column_name, CATALOG_TYPES[r.data_type] ?? "text"]));
}

function csvField(v: string | null): string {
  return v === null ? "" : `"${v.replace(/"/g, '""')}"`;
}

async function loadTable(client: pg.PoolClient, cacheKey: string, schema: string, t: TableRows) {
  const columns = await ensureTable(client, cacheKey, schema, t);
  const cols = [...new Set(t.rows.flatMap((r) => [...r.keys()]))].filter((c) => columns.has(c));
  const stage = quoteIdent(`stage_${snakeIdentifier(t.table)}`.slice(0, 63));
  await client.query(`CREATE TEMP TABLE ${stage} (${cols.map((c) => `${quoteIdent(c)} text`).join(", ")}) ON COMMIT DROP`);
  const lines = t.rows.map((r) => cols.map((c) => csvField(coerce(r.get(c)?.value ?? null, columns.get(c)!))).join(",") + "\n");
  await pipeline(Readable.from(lines), client.query(copyFrom(`COPY ${stage} FROM STDIN WITH (FORMAT csv)`)));
  const target = `${quoteIdent(schema)}.${quoteIdent(t.table)}`;
  const list = cols.map(quoteIdent).join(", ");
  const select = cols.map((c) => `${quoteIdent(c)}::${columns.get(c)}`).join(", ");
  const conflict = t.upsert
    ? `ON CONFLICT (id) DO UPDATE SET ${cols.filter((c) => c !== "id").map((c) => `${quoteIdent(c)} = COALESCE(EXCLUDED.${quoteIdent(c)}, ${target}.${quoteIdent(c)})`).concat("uuid_ts = now()").join(", ")}`
    : "ON CONFLICT (id) DO NOTHING";
  await client.query(`INSERT INTO ${target} (${list}) SELECT ${select} FROM ${stage} WHERE id IS NOT NULL ${conflict}`);
  await client.query(`DROP TABLE ${stage}`);
}

// Invalid credentials or a missing database are the user's settings: discard. The rest (connection trouble,
// deadlocks, restarts) is retried.
const PERMANENT_SQLSTATE = /^(28|3D|42501)/;

function classify(err: unknown): SendResult {
  const e = err as { code?: string; message?: string };
  if (err instanceof PrivateAddressError) return { ok: false, kind: "permanent", error: e.message ?? "private address" };
  const permanent = typeof e.code === "string" && PERMANENT_SQLSTATE.test(e.code);
  return { ok: false, kind: permanent ? "permanent" : "retryable", error: `${e.code ? `${e.code} ` : ""}${e.message ?? String(err)}` };
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*)(:[^@/]*)?@/, "//$1:***@");
}

export const postgresDestination: DestinationModule<PostgresSettings> = {
  type: "postgres",
  integrationName: "Postgres",
  label: "Postgres warehouse",
  description: "Loads events into Segment's warehouse layout (a schema per source) with COPY.",
  category: "warehouse",
  settingsSchema: postgresSettingsSchema as never,
  secretFields: ["connectionString"],
  defaultMappings: [],
  batching: (s) => ({ size: s.batchSize, intervalMs: s.batchIntervalMs }),
  describe: (settings, items, ctx) => {
    const schema = warehouseSchemaName(ctx.sourceId);
    const tables = layoutBatch(items.map((i) => i.event));
    return [
      {
        method: "COPY",
        url: redactUrl(settings.connectionString ?? ctx.defaultWarehouseUrl ?? "(embedded)"),
        headers: {},
        body: JSON.stringify(tables.map((t) => ({ table: `${schema}.${t.table}`, rows: t.rows.length, columns: [...new Set(t.rows.flatMap((r) => [...r.keys()]))] }))),
      },
    ];
  },
  send: async (settings, items, ctx) => {
    const url = settings.connectionString ?? ctx.defaultWarehouseUrl;
    if (!url) return { ok: false, kind: "permanent", error: "No connection string and no default warehouse" };
    let client: pg.PoolClient | undefined;
    try {
      if (settings.connectionString) {
        const host = parse(settings.connectionString).host ?? "localhost";
        await assertPublicHost(host, ctx.allowPrivateDestinations);
      }
      client = await poolFor(url).connect();
      await client.query("BEGIN");
      await client.query(`SET LOCAL statement_timeout = ${Math.max(1_000, Math.round(ctx.timeoutMs))}`);
      const schema = warehouseSchemaName(ctx.sourceId);
      for (const t of layoutBatch(items.map((i) => i.event))) await loadTable(client, url, schema, t);
      await client.query("COMMIT");
      return { ok: true };
    } catch (err) {
      await client?.query("ROLLBACK").catch(() => {});
      // The column cache may be stale after a failed DDL: forget it.
      columnCache.clear();
      return classify(err);
    } finally {
      client?.release();
    }
  },
  close: async () => {
    const all = [...pools.values()];
    pools.clear();
    columnCache.clear();
    await Promise.all(all.map((p) => p.end().catch(() => {})));
  },
};
