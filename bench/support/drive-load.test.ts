import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { driveLoad } from "./bench-processes";

let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    const answer = () => res.writeHead(200, { "Content-Type": "application/json" }).end('{"success":true}');
    // /slow answers after 50 ms.
    req.on("end", () => (req.url === "/slow" ? setTimeout(answer, 50) : answer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/track`;
});

afterAll(() => new Promise((r) => server.close(r)));

// The load generator's processes (tsx and the node it starts), found by the server's address in their arguments.
function generatorPids(): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cmdline.includes("drive-load.ts") && cmdline.includes(url)) pids.push(Number(entry));
    } catch {
      // Ended meanwhile.
    }
  }
  return pids;
}

describe("open-loop load generator", () => {
  it("reports its own longest event-loop delay in the measured seconds, which its latencies then include", async () => {
    const spec = { url, body: "{}", headers: { "Content-Type": "application/json" }, connections: 4, durationSec: 2, rate: 200 };
    const quiet = await driveLoad(spec);
    expect(quiet.ok).toBeGreaterThan(300);
    expect(quiet.maxLoopDelayMs).toBeLessThan(200);

    const stalled = driveLoad(spec);
    // Into the measured seconds (after the 1 s warm-up), hold the generator still for 400 ms.
    await new Promise((r) => setTimeout(r, 1_800));
    const pids = generatorPids();
    expect(pids.length).toBeGreaterThan(0);
    for (const pid of pids) process.kill(pid, "SIGSTOP");
    await new Promise((r) => setTimeout(r, 400));
    for (const pid of pids) process.kill(pid, "SIGCONT");
    const result = await stalled;
    expect(result.maxLoopDelayMs).toBeGreaterThan(300);
    expect(result.p99).toBeGreaterThan(250);
  });

  it("reports the requests that waited for a free connection, and the longest wait", async () => {
    const quiet = await driveLoad({ url, body: "{}", headers: {}, connections: 4, durationSec: 2, rate: 200 });
    expect(quiet.queuedForConnection!.share).toBeLessThan(0.05);
    // 4 asked for; 200 requests/s at 30 ms each need 6.
    expect(quiet.connections).toBe(6);
    // 2 connections, each busy 50 ms a request, carry at most 40 requests/s of the 60 due.
    const slow = await driveLoad({ url: url.replace("/v1/track", "/slow"), body: "{}", headers: {}, connections: 2, durationSec: 1, rate: 60 });
    expect(slow.connections).toBe(2);
    expect(slow.queuedForConnection!.share).toBeGreaterThan(0.5);
    expect(slow.queuedForConnection!.maxMs).toBeGreaterThan(500);
    expect(slow.p99).toBeGreaterThanOrEqual(slow.queuedForConnection!.maxMs);
  });
});
