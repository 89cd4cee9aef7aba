import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { startWaitSampler } from "./sample-postgres-waits";

const url = getEnv().DATABASE_URL;
const table = `zz_wait_probe_${randomBytes(4).toString("hex")}`;
const admin = new pg.Client({ connectionString: url });

afterAll(async () => {
  await admin.query(`DROP TABLE IF EXISTS ${table}`);
  await admin.end();
});

describe("PostgreSQL wait sampler", () => {
  it("reports how long a statement of the interval was seen waiting, by wait event", async () => {
    await admin.connect();
    await admin.query(`CREATE TABLE ${table} (id int)`);
    const blocker = new pg.Client({ connectionString: url });
    const waiter = new pg.Client({ connectionString: url });
    await Promise.all([blocker.connect(), waiter.connect()]);
    const sampler = await startWaitSampler(url, 5);
    try {
      const { result, waits } = await sampler.measure(async () => {
        await blocker.query(`BEGIN; LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
        const waiting = waiter.query(`SELECT count(*) FROM ${table}`);
        await new Promise((r) => setTimeout(r, 400));
        await blocker.query("COMMIT");
        await waiting;
        return "done";
      });
      expect(result).toBe("done");
      expect(waits["Lock:relation"]).toBeGreaterThan(300);
      expect(waits["Lock:relation"]).toBeLessThan(5_000);
      const own = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1`, [sampler.backendPid]);
      expect(own.rows[0].n).toBe(1);
    } finally {
      await sampler.stop();
      await Promise.all([blocker.end(), waiter.end()]);
    }
  });
});
