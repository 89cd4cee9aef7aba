import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { parse } from "pg-connection-string";

// Work-arounds for @prisma/adapter-pg 6.19 when it drives the JavaScript schema engine (migrate dev/deploy).
// The console and workers use a plain PrismaPg and need none of this.

const NAME_OID = 19;
const CHAR_OID = 18;
const TEXT_OID = 25;

type QueryResultLike = { fields?: { dataTypeID: number }[] };

function retypeCatalogColumns<T>(result: T): T {
  const results = Array.isArray(result) ? result : [result];
  for (const r of results as QueryResultLike[]) {
    for (const field of r?.fields ?? []) {
      if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

// The schema engine reads pg_catalog columns of type `name` and `"char"`, which the adapter cannot decode
// (prisma/orm#27403): present them as text.
class CatalogTextClient extends pg.Client {
  // pg.Pool calls query() with a callback; direct callers use the promise form.
  override query(...args: unknown[]): never {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      const callback = last as (err: Error | null, res: unknown) => void;
      const wrapped = (err: Error | null, res: unknown) => callback(err, err ? res : retypeCatalogColumns(res));
      return (super.query as (...a: unknown[]) => never)(...args.slice(0, -1), wrapped);
    }
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    if (out && typeof (out as Promise<unknown>).then === "function") {
      return (out as Promise<unknown>).then(retypeCatalogColumns) as never;
    }
    return out as never;
  }
}

function poolConfig(connectionString: string, database?: string): pg.PoolConfig {
  const parsed = parse(connectionString);
  return {
    host: parsed.host ?? undefined,
    port: parsed.port ? Number(parsed.port) : undefined,
    user: parsed.user,
    password: parsed.password,
    database: database ?? parsed.database ?? undefined,
    Client: CatalogTextClient,
  };
}

// The stock connectToShadowDb() ignores the shadow database name when a connectionString is set, and drops
// the shadow database while its own pool still holds connections. This one gets both right.
class MigrationPg extends PrismaPg {
  constructor(private readonly connectionString: string) {
    super(poolConfig(connectionString));
  }

  override async connectToShadowDb() {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replaceAll("-", "")}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new PrismaPg(poolConfig(this.connectionString, database)).connect();
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await disposeShadow();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await main.dispose();
    };
    return shadow;
  }
}

export function createMigrationAdapter(connectionString: string) {
  return new MigrationPg(connectionString);
}
