import pg from "pg";

// What PostgreSQL's own statements waited on during a measured run: for each wait event, the oldest active statement
// seen waiting on it (ms since it started). A commit seen 200 ms old in IO:WALSync waited that long for the WAL's
// flush, the disk's doing; one in Lock:… waited for another transaction. Sampled every intervalMs from
// pg_stat_activity, over the bench database's backends but the sampler's own.
export type PostgresWaits = Record<string, number>;

export type WaitSampler = {
  measure: <T>(work: () => Promise<T>) => Promise<{ result: T; waits: PostgresWaits }>;
  // The sampler's backend, to leave out of PostgreSQL's CPU time.
  backendPid: number;
  stop: () => Promise<void>;
};

const SAMPLE_SQL = `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS wait,
       max(extract(epoch FROM clock_timestamp() - query_start) * 1000)::float8 AS ms
  FROM pg_stat_activity
 WHERE state = 'active' AND datname = current_database() AND pid <> pg_backend_pid()
 GROUP BY 1`;

export async function startWaitSampler(connectionString: string, intervalMs = 10): Promise<WaitSampler> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const backendPid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid;
  return {
    backendPid,
    measure: async (work) => {
      const waits: PostgresWaits = {};
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          const { rows } = await client.query<{ wait: string; ms: number }>(SAMPLE_SQL);
          for (const { wait, ms } of rows) waits[wait] = Math.max(waits[wait] ?? 0, Number(ms.toFixed(1)));
          await new Promise((r) => setTimeout(r, intervalMs));
        }
      })();
      try {
        return { result: await work(), waits };
      } finally {
        sampling = false;
        await sampler;
      }
    },
    stop: () => client.end(),
  };
}
