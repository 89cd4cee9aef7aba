import { spawn } from "node:child_process";
import path from "node:path";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { collectorNodeFlags } from "@/collector/node-flags";
import { freePort } from "@/tests/helpers/free-port";
import { seedSource } from "@/tests/helpers/seed-source";
import { readEvents } from "@/tests/helpers/read-events";
import { basicAuth } from "@/tests/helpers/start-collector";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, "../..");

describe("collector/main.ts", () => {
  it("serves, then on SIGTERM flushes and exits 0 without loading the console's frameworks", { timeout: 60_000 }, async () => {
    const port = await freePort();
    // The --import hook fails loudly if next or react is ever loaded into the collector.
    const child = spawn(
      process.execPath,
      [require.resolve("tsx/cli"), ...collectorNodeFlags(), "--import", path.join(import.meta.dirname, "forbid-console-imports.mjs"), path.join(ROOT, "collector/main.ts")],
      { cwd: ROOT, env: { ...process.env, COLLECTOR_PORT: String(port), COLLECTOR_HOST: "127.0.0.1", LOG_LEVEL: "warn" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`collector did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const src = await seedSource();
    const res = await fetch(`${url}/v1/track`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: basicAuth(src.writeKey) },
      body: JSON.stringify({ userId: "u", event: "Main", messageId: "main-1" }),
    });
    expect(res.status).toBe(200);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).not.toMatch(/FORBIDDEN_IMPORT/);
    expect((await readEvents(src.sourceId)).map((e) => e.message_id)).toEqual(["main-1"]);
  });
});
