import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

// The one place that reads process.env. Everything else calls getEnv().

const secret = (name: string) =>
  z.string({ error: `${name} is required (at least 32 characters; npm start generates one for local use)` })
    .min(32, `${name} must be at least 32 characters`);

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.url({ error: "DATABASE_URL must be a postgres:// URL" }),
  SWITCHYARD_DATA_DIR: z.string().default(".switchyard"),
  AUTH_SECRET: secret("AUTH_SECRET"),
  SWITCHYARD_ENCRYPTION_KEY: secret("SWITCHYARD_ENCRYPTION_KEY"),
  CONSOLE_URL: z.url().default("http://localhost:3000"),
  PORT: z.coerce.number().int().positive().default(3000),
  COLLECTOR_PORT: z.coerce.number().int().positive().default(8080),
  COLLECTOR_HOST: z.string().default("0.0.0.0"),
  COLLECTOR_PUBLIC_URL: z.url().default("http://localhost:8080"),
  // Comma-separated addresses or CIDRs whose X-Forwarded-For is believed; empty: use the socket address.
  TRUSTED_PROXY: z.string().default(""),
  SESSION_MAX_AGE_HOURS: z.coerce.number().positive().default(24 * 7),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(10),
  LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  SIGNUP_ENABLED: bool.default(true),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default("Switchyard <switchyard@localhost>"),
  EVENT_RETENTION_DAYS: z.coerce.number().int().positive().default(30),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  // Delivery (worker/main.ts). Destinations may not reach loopback, link-local or private addresses unless allowed.
  SWITCHYARD_ALLOW_PRIVATE_DESTINATIONS: bool.default(false),
  DELIVERY_RETRY_WINDOW_HOURS: z.coerce.number().positive().default(4),
  DELIVERY_BACKOFF_BASE_MS: z.coerce.number().int().positive().default(1_000),
  DELIVERY_BACKOFF_MAX_MS: z.coerce.number().int().positive().default(10 * 60_000),
  DELIVERY_SEND_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  DELIVERY_CONCURRENCY: z.coerce.number().int().positive().default(16),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

// What `npm start` wrote for a local install: generated secrets (secrets.env) and, while it runs the embedded
// PostgreSQL, that database's URL (database.env), so the CLI works with no setup. The environment always wins.
function readLocalEnv(dataDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ["secrets.env", "database.env"]) {
    const file = path.join(dataDir, name);
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
      const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
      if (m) out[m[1]] = m[2];
    }
  }
  return out;
}

export function getEnv(): Env {
  if (cached) return cached;
  const dataDir = process.env.SWITCHYARD_DATA_DIR || ".switchyard";
  // An empty variable counts as unset (`DATABASE_URL= npx switchyard ...`).
  const given = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
  const result = schema.safeParse({ ...readLocalEnv(dataDir), ...given });
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  cached = result.data;
  return cached;
}

export function resetEnvForTests() {
  cached = undefined;
}
