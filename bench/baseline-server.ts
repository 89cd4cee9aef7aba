// The minimal durable baseline: a bare node:http server that group-commits the same payloads into Postgres (one
// jsonb row per event, multi-row INSERT via unnest, one flush in flight) and answers only after the commit. Its
// group-commit window (flush at 2,000 queued events or 1 ms after the first) is the collector writer's default, so
// the comparison does not turn on that knob.
import http from "node:http";
import pg from "pg";

const port = Number(process.env.BASELINE_PORT);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query(`CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, payload jsonb NOT NULL)`);

type Pending = { payloads: string[]; done: (ok: boolean) => void };
let queue: Pending[] = [];
let queued = 0;
let flushing = false;
let timer: NodeJS.Timeout | undefined;

function schedule() {
  if (flushing) return;
  if (queued >= 2_000) void flush();
  else timer ??= setTimeout(() => void flush(), 1);
}

async function flush() {
  if (timer) clearTimeout(timer);
  timer = undefined;
  if (flushing || queue.length === 0) return;
  flushing = true;
  const batch = queue;
  queue = [];
  queued = 0;
  try {
    await pool.query(`INSERT INTO bench_baseline (payload) SELECT p::jsonb FROM unnest($1::text[]) AS p`, [batch.flatMap((b) => b.payloads)]);
    for (const b of batch) b.done(true);
  } catch {
    for (const b of batch) b.done(false);
  } finally {
    flushing = false;
    if (queue.length > 0) schedule();
  }
}

http
  .createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let payloads: string[];
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        const items: unknown[] = Array.isArray(body.batch) ? body.batch : [body];
        payloads = items.map((i) => JSON.stringify(i));
      } catch {
        res.writeHead(400).end();
        return;
      }
      queue.push({
        payloads,
        done: (ok) => {
          res.writeHead(ok ? 200 : 503, { "Content-Type": "application/json" });
          res.end(ok ? '{"success":true}' : "{}");
        },
      });
      queued += payloads.length;
      schedule();
    });
  })
  .listen(port, "127.0.0.1", () => process.stdout.write("ready\n"));
