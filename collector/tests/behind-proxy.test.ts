import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { Analytics } from "@segment/analytics-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signDebuggerToken } from "@/lib/debugger/debugger-token";
import { getEnv } from "@/lib/env";
import { freePort } from "@/tests/helpers/free-port";
import { readEvents } from "@/tests/helpers/read-events";
import { seedSource } from "@/tests/helpers/seed-source";
import { basicAuth, startCollector, type TestCollector } from "@/tests/helpers/start-collector";

// The collector behind a real nginx that terminates TLS, keeps upstream connections alive, buffers request bodies
// and appends X-Forwarded-For: the deployment the README describes. Needs nginx and openssl on the PATH
// (`apt-get install nginx-light openssl`; .ci/run installs them).

let dir: string;
let nginx: ChildProcess;
let collector: TestCollector;
let source: Awaited<ReturnType<typeof seedSource>>;
let base: string;
let ca: Buffer;

function nginxConfig(port: number, upstream: number): string {
  const location = (extra: string) => `proxy_pass http://collector;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      ${extra}`;
  return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream collector { server 127.0.0.1:${upstream}; keepalive 8; }
  server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${dir}/cert.pem;
    ssl_certificate_key ${dir}/key.pem;
    client_max_body_size 1m;
    location / { ${location("")} }
    location /v1/debugger/stream { ${location("proxy_buffering off; proxy_read_timeout 1h;")} }
  }
}`;
}

type Reply = { status: number; body: string };

function request(pathname: string, o: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.request(`${base}${pathname}`, { method: o.method ?? "POST", headers: o.headers, ca }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    });
    req.on("error", reject);
    req.end(o.body);
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-nginx-"));
  // Started as root, nginx's workers run as an unprivileged user that must reach the temp directories it makes here.
  fs.chmodSync(dir, 0o755);
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", `${dir}/key.pem`, "-out", `${dir}/cert.pem`], { stdio: "ignore" });
  ca = fs.readFileSync(`${dir}/cert.pem`);
  const port = await freePort();
  base = `https://127.0.0.1:${port}`;
  collector = await startCollector({ trustedProxy: "127.0.0.1", publicUrl: base });
  source = await seedSource();
  fs.writeFileSync(`${dir}/nginx.conf`, nginxConfig(port, Number(new URL(collector.url).port)));
  nginx = spawn(fs.existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx", ["-c", `${dir}/nginx.conf`, "-p", dir], { stdio: "ignore" });
  nginx.on("error", () => {});
  const deadline = Date.now() + 10_000;
  for (;;) {
    const up = await request("/health", { method: "GET" }).then(() => true, () => false);
    if (up) break;
    if (nginx.exitCode !== null || Date.now() > deadline) throw new Error(`nginx did not start: ${fs.existsSync(`${dir}/error.log`) ? fs.readFileSync(`${dir}/error.log`, "utf8") : "is it installed?"}`);
    await new Promise((r) => setTimeout(r, 50));
  }
});

afterAll(async () => {
  if (nginx && nginx.exitCode === null) {
    nginx.kill("SIGQUIT");
    await new Promise((r) => nginx.once("exit", r));
  }
  await collector?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const json = (writeKey: string, extra: Record<string, string> = {}) => ({ "Content-Type": "application/json", Authorization: basicAuth(writeKey), ...extra });

describe("the collector behind nginx (TLS, keep-alive upstream, X-Forwarded-For)", () => {
  it("stores what the unmodified analytics-node sends over TLS, with the client address from X-Forwarded-For", async () => {
    // analytics-node's fetch cannot be given a CA; this transport trusts the test certificate and is otherwise plain.
    const httpClient = (url: string, init: { headers: Record<string, string>; body: string; method: string }) =>
      new Promise<{ status: number; statusText: string }>((resolve, reject) => {
        const req = https.request(url, { method: init.method, headers: { ...init.headers, "X-Forwarded-For": "203.0.113.9" }, ca }, (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode!, statusText: res.statusMessage ?? "" }));
        });
        req.on("error", reject);
        req.end(init.body);
      });
    const analytics = new Analytics({ writeKey: source.writeKey, host: base, maxEventsInBatch: 10, maxRetries: 0, httpClient });
    const errors: unknown[] = [];
    analytics.on("error", (e) => errors.push(e));
    for (let i = 0; i < 25; i++) analytics.track({ userId: `proxied-${i}`, event: "Proxied", properties: { i }, messageId: `proxied-${i}` });
    await analytics.closeAndFlush({ timeout: 10_000 });
    expect(errors).toEqual([]);
    const events = (await readEvents(source.sourceId)).filter((e) => e.message_id.startsWith("proxied-"));
    expect(events).toHaveLength(25);
    expect(new Set(events.map((e) => e.payload.context?.ip))).toEqual(new Set(["203.0.113.9"]));
  });

  it("takes gzip and a body nginx buffered, and keeps the valid items of a batch", async () => {
    const { gzipSync } = await import("node:zlib");
    const gz = await request("/v1/batch", {
      headers: json(source.writeKey, { "Content-Encoding": "gzip" }),
      body: gzipSync(JSON.stringify({ batch: [{ type: "identify", userId: "u-gz", traits: { name: "Zoë" }, messageId: "proxied-gz" }, { type: "track", event: "no ids" }] })),
    });
    expect(gz.status).toBe(200);
    expect(JSON.parse(gz.body)).toMatchObject({ success: true, accepted: 1, rejected: [{ index: 1, reason: "missing_identity" }] });
    const stored = (await readEvents(source.sourceId)).find((e) => e.message_id === "proxied-gz");
    expect((stored?.payload.traits as { name?: string } | undefined)?.name).toBe("Zoë");
  });

  it("relays the collector's own 413 for oversize requests, and the upstream connection goes on serving", async () => {
    // nginx sends the whole buffered body upstream. A collector that answered and closed mid-body once made it fail
    // with "writev() failed (32: Broken pipe) while sending request to upstream" and answer 502 instead; that race
    // is pinned down without a proxy in tracking-http.test.ts.
    for (let i = 0; i < 10; i++) {
      const r = await request("/v1/batch", { headers: json(source.writeKey), body: JSON.stringify({ batch: [{ type: "track", userId: "u", event: "x", properties: { pad: "x".repeat(600_000 + i) } }] }) });
      expect(r.status).toBe(413);
      expect(JSON.parse(r.body).error.code).toBe("payload_too_large");
    }
    const after = await request("/v1/track", { headers: json(source.writeKey), body: JSON.stringify({ userId: "u", event: "After 413", messageId: "proxied-after-413" }) });
    expect(after.status).toBe(200);
  });

  it("streams the debugger through nginx as events are committed", async () => {
    const { token } = signDebuggerToken({ secret: getEnv().AUTH_SECRET, workspaceId: source.workspaceId, sourceIds: [source.sourceId], userId: "usr_test" });
    const received = await new Promise<string>((resolve, reject) => {
      let buffer = "";
      const stream = https.request(`${base}/v1/debugger/stream?token=${encodeURIComponent(token)}`, { method: "GET", ca, headers: { Accept: "text/event-stream" } }, (res) => {
        res.on("data", (chunk) => {
          buffer += chunk;
          if (buffer.includes("event: ready") && !buffer.includes("proxied-sse")) {
            void request("/v1/track", { headers: json(source.writeKey), body: JSON.stringify({ userId: "u", event: "Live", messageId: "proxied-sse" }) });
          }
          if (buffer.includes("proxied-sse")) {
            stream.destroy();
            resolve(buffer);
          }
        });
      });
      stream.on("error", (err) => (buffer.includes("proxied-sse") ? undefined : reject(err)));
      stream.end();
    });
    expect(received).toContain("proxied-sse");
  });
});
