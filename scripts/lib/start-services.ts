import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { collectorNodeFlags } from "../../collector/node-flags";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, "../..");

export type Service = { name: string; child: ChildProcess; healthUrl?: string };

export type StartServicesOptions = {
  env: NodeJS.ProcessEnv;
  consolePort: number;
  collectorPort: number;
  // Prefix each line a service prints with its name (npm start); tests send output to a log file instead.
  output: "prefixed" | { file: string };
};

function pipeOutput(name: string, child: ChildProcess, output: StartServicesOptions["output"]) {
  if (output === "prefixed") {
    const prefix = `[${name}] `;
    const forward = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) if (line.trim()) stream.write(prefix + line + "\n");
    };
    child.stdout?.on("data", forward(process.stdout));
    child.stderr?.on("data", forward(process.stderr));
  } else {
    const sink = fs.createWriteStream(output.file, { flags: "a" });
    child.stdout?.pipe(sink);
    child.stderr?.pipe(sink);
  }
}

function tsEntry(relative: string, nodeFlags: string[] = []): string[] {
  return [require.resolve("tsx/cli"), ...nodeFlags, path.join(ROOT, relative)];
}

// The collector and the delivery worker are separate Node processes; the console is `next start`.
export function startServices({ env, consolePort, collectorPort, output }: StartServicesOptions): Service[] {
  const services: Service[] = [];
  const launch = (name: string, args: string[], extraEnv: Record<string, string>, healthUrl?: string) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...env, ...extraEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    pipeOutput(name, child, output);
    services.push({ name, child, healthUrl });
  };

  launch(
    "console",
    [require.resolve("next/dist/bin/next"), "start", "-p", String(consolePort)],
    { PORT: String(consolePort), NODE_ENV: "production" },
    `http://127.0.0.1:${consolePort}/api/health`,
  );
  if (fs.existsSync(path.join(ROOT, "collector/main.ts"))) {
    launch("collector", tsEntry("collector/main.ts", collectorNodeFlags()), { COLLECTOR_PORT: String(collectorPort) }, `http://127.0.0.1:${collectorPort}/health`);
  }
  if (fs.existsSync(path.join(ROOT, "worker/main.ts"))) {
    launch("worker", tsEntry("worker/main.ts"), {});
  }
  return services;
}

export async function waitForHealthy(services: Service[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const service of services) {
    if (!service.healthUrl) continue;
    for (;;) {
      if (service.child.exitCode !== null) throw new Error(`${service.name} exited with code ${service.child.exitCode}`);
      try {
        const res = await fetch(service.healthUrl);
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${service.name} did not become healthy at ${service.healthUrl}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export async function stopServices(services: Service[], timeoutMs = 15_000): Promise<void> {
  await Promise.all(
    services.map(
      (s) =>
        new Promise<void>((resolve) => {
          if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
          const timer = setTimeout(() => s.child.kill("SIGKILL"), timeoutMs);
          s.child.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          s.child.kill("SIGTERM");
        }),
    ),
  );
}

export function consoleBuildIsCurrent(env: NodeJS.ProcessEnv): boolean {
  return fs.existsSync(path.join(ROOT, ".next/BUILD_ID")) && fs.existsSync(path.join(ROOT, ".next/switchyard-source-hash")) &&
    fs.readFileSync(path.join(ROOT, ".next/switchyard-source-hash"), "utf8") === sourceHash(env);
}

// A digest of the console's sources and of the settings baked into the build (the CSP names the collector's
// public URL), so `npm start` rebuilds after a pull or a change of URL and skips the build otherwise.
export function sourceHash(env: NodeJS.ProcessEnv): string {
  const { createHash } = require("node:crypto") as typeof import("node:crypto");
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated" && entry.name !== "node_modules") walk(full);
      } else if (/\.(tsx?|css|mjs|json|prisma)$/.test(entry.name)) {
        hash.update(full).update(fs.readFileSync(full));
      }
    }
  };
  for (const dir of ["app", "components", "domain", "lib", "pipeline", "prisma"]) walk(path.join(ROOT, dir));
  for (const file of ["next.config.ts", "package-lock.json", "postcss.config.mjs"]) {
    const full = path.join(ROOT, file);
    if (fs.existsSync(full)) hash.update(file).update(fs.readFileSync(full));
  }
  hash.update(`COLLECTOR_PUBLIC_URL=${env.COLLECTOR_PUBLIC_URL ?? ""}`);
  return hash.digest("hex");
}

export async function buildConsole(env: NodeJS.ProcessEnv, quiet = false): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
      cwd: ROOT,
      env: { ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let out = "";
    child.stdout?.on("data", (d) => (out += d));
    child.stderr?.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (exit ${code})\n${out}`))));
  });
  fs.writeFileSync(path.join(ROOT, ".next/switchyard-source-hash"), sourceHash(env));
}
