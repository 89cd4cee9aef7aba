// The load generator, run as its own process so it does not share an event loop with the server under test.
// Input: one JSON argument; output: one JSON line of results.
//  - without `rate`: closed loop at full speed (autocannon, `connections` in parallel);
//  - with `rate`: open loop at a constant request rate, latency measured from when each request was due, so a
//    stall is charged to every request it delays (no coordinated omission). The first WARMUP_SEC run at the same
//    rate unmeasured: against a server that answers at once, this generator's own first second (connections, JIT,
//    first collections) had a p99 of 7-18 ms and stalls up to 53 ms, against 2.4-4.1 ms after it.
import net from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import autocannon from "autocannon";
import type { LoadResult as Result, LoadSpec as Spec } from "./support/bench-processes";

const WARMUP_SEC = 1;

async function closedLoop(spec: Spec): Promise<Result> {
  const r = await autocannon({ url: spec.url, method: "POST", headers: spec.headers, body: spec.body, connections: spec.connections, duration: spec.durationSec });
  return { requestsPerSec: r.requests.average, ok: r["2xx"], non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, p50: r.latency.p50, p99: r.latency.p99 };
}

// Raw keep-alive sockets instead of node:http's client: at 5,000 requests/s against a server that answers at once,
// http.request alone put the 99th percentile at ~40 ms on the 2-core machine (allocation and GC per request), which
// would hide the server's own tail. Requests are serialized once; responses are read just far enough to find their
// end (status line, then Content-Length or the last chunk). A request due while every connection is busy waits for one, and that
// wait counts.
//
// `connections` is a minimum: the open loop opens enough that a request waits for one only while answers take
// OPEN_LOOP_ANSWER_MS on average. With 50 at 6,600 requests/s, answers averaging 7.5 ms used them all: in runs where
// no probe saw the machine stall, up to 69 % of the requests waited for a connection, for up to 103 ms, and the tail
// measured this generator's connections, not the server (docs/benchmarks.md).
const OPEN_LOOP_ANSWER_MS = 30;

async function openLoop(spec: Spec & { rate: number }): Promise<Result> {
  const url = new URL(spec.url);
  const body = Buffer.from(spec.body);
  const head = [`POST ${url.pathname} HTTP/1.1`, `Host: ${url.host}`, `Content-Length: ${body.length}`, ...Object.entries(spec.headers).map(([k, v]) => `${k}: ${v}`)];
  const request = Buffer.concat([Buffer.from(head.join("\r\n") + "\r\n\r\n"), body]);
  const latencies = new Float64Array(Math.ceil(spec.rate * spec.durationSec) + 1);
  let done = 0;
  let measured = 0;
  // ok: every 2xx answer, the warm-up's too (what the server stored); okMeasured: those of the measured seconds.
  let ok = 0;
  let okMeasured = 0;
  let non2xx = 0;
  let errors = 0;
  const idle: Connection[] = [];
  // Measured requests that were due while every connection was busy, and the longest any of them waited for one.
  let queued = 0;
  let maxQueuedMs = 0;
  const waiting: number[] = [];
  let waitingHead = 0;

  // Idle connections are used in turn (FIFO), so none sits idle long enough for the server to close it; one that
  // closes anyway reconnects, and a request it carried counts as an error.
  class Connection {
    private due = 0;
    private busy = false;
    private buffered: Buffer = Buffer.alloc(0);
    socket!: net.Socket;
    constructor() {
      this.connect();
    }
    connect() {
      this.buffered = Buffer.alloc(0);
      this.socket = net.connect({ host: url.hostname, port: Number(url.port), noDelay: true });
      this.socket.on("data", (chunk: Buffer) => this.read(chunk));
      this.socket.on("error", () => {});
      this.socket.on("close", () => {
        if (this.busy) {
          errors++;
          this.finish(0);
        }
        if (!stopped) {
          this.connect();
          this.socket.once("connect", () => this.next());
        }
      });
    }
    send(due: number) {
      this.due = due;
      this.busy = true;
      this.socket.write(request);
    }
    private read(chunk: Buffer) {
      this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
      const end = this.buffered.indexOf("\r\n\r\n");
      if (end === -1) return;
      const headers = this.buffered.subarray(0, end).toString("latin1");
      let bodyEnd: number;
      if (/\r\ntransfer-encoding:\s*chunked/i.test(headers)) {
        const last = this.buffered.indexOf("0\r\n\r\n", end + 4);
        if (last === -1) return;
        bodyEnd = last + 5;
      } else {
        bodyEnd = end + 4 + Number(/\r\ncontent-length:\s*(\d+)/i.exec(headers)?.[1] ?? 0);
        if (this.buffered.length < bodyEnd) return;
      }
      this.buffered = this.buffered.subarray(bodyEnd);
      const status = Number(headers.slice(9, 12));
      if (status < 200 || status >= 300) non2xx++;
      else {
        ok++;
        if (this.due >= measureFrom) okMeasured++;
      }
      this.finish(status);
    }
    private finish(status: number) {
      done++;
      if (this.due >= measureFrom) latencies[measured++] = performance.now() - this.due;
      this.busy = false;
      // A closed connection takes work again once it has reconnected.
      if (status !== 0) this.next();
    }
    next() {
      if (this.busy || idle.includes(this)) return;
      if (waitingHead < waiting.length) {
        const due = waiting[waitingHead++];
        if (due >= measureFrom) {
          queued++;
          maxQueuedMs = Math.max(maxQueuedMs, performance.now() - due);
        }
        this.send(due);
      } else idle.push(this);
    }
  }

  const connections = Array.from({ length: Math.max(spec.connections, Math.ceil((spec.rate * OPEN_LOOP_ANSWER_MS) / 1000)) }, () => new Connection());
  await Promise.all(connections.map((c) => new Promise((r) => c.socket.once("connect", r))));
  idle.push(...connections);
  let stopped = false;
  const fire = (due: number) => {
    const c = idle.shift();
    if (c) c.send(due);
    else waiting.push(due);
  };
  const start = performance.now();
  const measureFrom = start + WARMUP_SEC * 1000;
  const end = measureFrom + spec.durationSec * 1000;
  let sent = 0;
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  let measuring = false;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      if (!measuring && now >= measureFrom) {
        measuring = true;
        loopDelay.enable();
      }
      const target = Math.floor(((Math.min(now, end) - start) / 1000) * spec.rate);
      while (sent < target) fire(start + (++sent / spec.rate) * 1000);
      if (now >= end) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  loopDelay.disable();
  while (done < sent) await new Promise((r) => setTimeout(r, 5));
  stopped = true;
  for (const c of connections) c.socket.destroy();
  const sorted = latencies.subarray(0, measured).sort();
  const pct = (q: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(1));
  const latencyCounts: Record<number, number> = {};
  for (const ms of sorted) {
    const tenths = Math.round(ms * 10);
    latencyCounts[tenths] = (latencyCounts[tenths] ?? 0) + 1;
  }
  const maxLoopDelayMs = Number((loopDelay.max / 1e6).toFixed(1));
  const queuedForConnection = { share: Number((queued / Math.max(1, measured)).toFixed(4)), maxMs: Number(maxQueuedMs.toFixed(1)) };
  return { requestsPerSec: okMeasured / spec.durationSec, ok, non2xx, errors, timeouts: 0, p50: pct(0.5), p99: pct(0.99), latencyCounts, maxLoopDelayMs, queuedForConnection, connections: connections.length };
}

const spec = JSON.parse(process.argv[2]) as Spec;
const result = spec.rate ? await openLoop({ ...spec, rate: spec.rate }) : await closedLoop(spec);
process.stdout.write(JSON.stringify(result) + "\n");
