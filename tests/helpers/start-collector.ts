import type { AddressInfo } from "node:net";
import type pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { buildApp, type BuildAppOptions, type CollectorApp } from "@/collector/build-app";
import { createCollectorPool } from "@/collector/create-collector-pool";
import { getEnv } from "@/lib/env";
import { seedSource } from "./seed-source";

export type TestCollector = { app: CollectorApp; url: string; pool: pg.Pool; stop: () => Promise<void> };

// A collector on an ephemeral port, with its own pool, talking to the test database (or `databaseUrl`).
export async function startCollector(o: Partial<BuildAppOptions> & { databaseUrl?: string } = {}): Promise<TestCollector> {
  const pool = o.pool ?? createCollectorPool(o.databaseUrl ?? getEnv().DATABASE_URL);
  const app = await buildApp({ publicUrl: "http://localhost:8080", logLevel: "silent", keyCacheTtlMs: 100, ...o, pool });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    app,
    url,
    pool,
    stop: async () => {
      await app.close();
      await pool.end();
    },
  };
}

export const basicAuth = (writeKey: string) => `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`;

// A collector and a source in a new workspace, shared by the tests of one file: ready before the first test,
// stopped after the last.
export function useCollectorWithSource(): { collector: TestCollector; source: Awaited<ReturnType<typeof seedSource>> } {
  const ctx = {} as ReturnType<typeof useCollectorWithSource>;
  beforeAll(async () => {
    ctx.collector = await startCollector();
    ctx.source = await seedSource();
  });
  afterAll(async () => {
    await ctx.collector?.stop();
  });
  return ctx;
}
