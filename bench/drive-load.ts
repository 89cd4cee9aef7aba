// The load generator, run as its own process so it does not share an event loop with the server under test.
// Input: one JSON argument; output: one JSON line of results.
//  - without `rate`: closed loop at full speed (autocannon, `connections` in parallel);
//  - with `rate`: open loop at a constant request rate, latency measured from when each request was due, so a
//    stall is charged to every request it delays (no coordinated omission).
import http from "node:http";
import autocannon from "autocannon";

type Spec = { url: string; body: string; headers: Record<string, string>; connections: number; durationSec: number; rate?: number };
type Result = { requestsPerSec: number; ok: number; non2xx: number; errors: number; timeouts: number; p50: number; p99: number };

async function closedLoop(spec: Spec): Promise<Result> {
  const r = await autocannon({ url: spec.url, method: "POST", headers: spec.headers, body: spec.body, connections: spec.connections, duration: spec.durationSec });
  return { requestsPerSec: r.requests.average, ok: r["2xx"], non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, p50: r.latency.p50, p99: r.latency.p99 };
}

async function openLoop(spec: Spec & { rate: number }): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const url = new URL(spec.url);
  const body = Buffer.from(spec.body);
  const latencies: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let sent = 0;
  const start = performance.now();
  const end = start + spec.durationSec * 1000;
  const pending = new Set<Promise<void>>();
  const fire = (due: number) => {
    const p = new Promise<void>((resolve) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: "POST", agent, headers: { ...spec.headers, "Content-Length": body.length } },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - due);
            if (res.statusCode && res.statusCode < 300) ok++;
            else non2xx++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
    pending.add(p);
    void p.then(() => pending.delete(p));
  };
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(now, end);
      const target = Math.floor(((due - start) / 1000) * spec.rate);
      while (sent < target) fire(start + (++sent / spec.rate) * 1000);
      if (now >= end) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((x, y) => x - y);
  const pct = (q: number) => Number((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(1));
  return { requestsPerSec: ok / spec.durationSec, ok, non2xx, errors, timeouts: 0, p50: pct(0.5), p99: pct(0.99) };
}

const spec = JSON.parse(process.argv[2]) as Spec;
const result = spec.rate ? await openLoop({ ...spec, rate: spec.rate }) : await closedLoop(spec);
process.stdout.write(JSON.stringify(result) + "\n");
