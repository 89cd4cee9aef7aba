import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { uniqueEmail } from "@/e2e/support/seed";
import { getPrisma } from "@/lib/db/prisma";

const BIN = path.resolve(import.meta.dirname, "../bin/switchyard.js");

type Run = { code: number; stdout: string; stderr: string; json: Record<string, unknown> };

// Runs the CLI as a child process with the test environment (DATABASE_URL, AUTH_SECRET, SWITCHYARD_ENCRYPTION_KEY).
// LOG_LEVEL=debug: a log line on stdout would break `--json` output, so the test makes any such line visible.
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, LOG_LEVEL: "debug" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("exit", (code) => {
      const lines = stdout.split("\n").filter((l) => l.trim() !== "");
      if (lines.length !== 1) return reject(new Error(`expected exactly one line of JSON on stdout, got ${lines.length}:\n${stdout}\nstderr:\n${stderr}`));
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(lines[0]);
      } catch {
        return reject(new Error(`stdout is not JSON:\n${stdout}`));
      }
      resolve({ code: code ?? -1, stdout, stderr, json });
    });
  });
}

function expectError(r: Run, code: string) {
  expect(r.code).not.toBe(0);
  expect(r.json).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
  expect(Object.keys(r.json)).toEqual(["error"]);
  expect(r.stdout).not.toMatch(/\n\s+at /);
}

describe("CLI --json", { timeout: 120_000 }, () => {
  it("migrate prints one JSON object", async () => {
    const r = await cli("migrate", "--json");
    expect(r.code).toBe(0);
    expect(r.json).toEqual({ migrated: true });
  });

  it("user create, workspace create and member add print one JSON object each", async () => {
    const ownerEmail = uniqueEmail("cli-owner");
    const memberEmail = uniqueEmail("cli-member");
    const u = await cli("user", "create", "--email", ownerEmail, "--password", "cli password 123", "--name", "CLI Owner", "--json");
    expect(u.code).toBe(0);
    expect(u.json).toEqual({ user: expect.objectContaining({ id: expect.stringMatching(/^usr_/), email: ownerEmail, name: "CLI Owner" }) });
    expect(JSON.stringify(u.json)).not.toContain("cli password 123");
    expect(u.json.user).not.toHaveProperty("passwordHash");

    const m = await cli("user", "create", "--email", memberEmail, "--password", "cli password 456", "--json");
    expect(m.code).toBe(0);

    const w = await cli("workspace", "create", "--name", "CLI workspace", "--owner", ownerEmail, "--json");
    expect(w.code).toBe(0);
    const workspace = w.json.workspace as { id: string; name: string; tier: string };
    expect(workspace).toEqual({ id: expect.stringMatching(/^ws_/), name: "CLI workspace", tier: "FREE" });
    const owner = await getPrisma().membership.findFirstOrThrow({ where: { workspaceId: workspace.id }, include: { user: true } });
    expect(owner).toMatchObject({ role: "OWNER", user: { email: ownerEmail } });

    const a = await cli("member", "add", "--workspace", workspace.id, "--email", memberEmail, "--role", "source-admin", "--json");
    expect(a.code).toBe(0);
    expect(a.json).toEqual({
      membership: { id: expect.stringMatching(/^mem_/), workspaceId: workspace.id, email: memberEmail, role: "SOURCE_ADMIN", allSources: true, sourceIds: [] },
    });
    const audit = await getPrisma().auditLog.findMany({ where: { workspaceId: workspace.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((e) => [e.action, e.actorType])).toEqual([["workspace.create", "CLI"], ["member.add", "CLI"]]);

    // Errors: one JSON object {error:{code,message}} and a non-zero exit.
    expectError(await cli("user", "create", "--email", ownerEmail, "--password", "cli password 123", "--json"), "conflict");
    expectError(await cli("user", "create", "--email", "not-an-email", "--password", "cli password 123", "--json"), "validation_failed");
    expectError(await cli("member", "add", "--workspace", workspace.id, "--email", memberEmail, "--role", "ADMIN", "--json"), "conflict");
    expectError(await cli("member", "add", "--workspace", workspace.id, "--email", memberEmail, "--role", "EMPEROR", "--json"), "validation_failed");
    expectError(await cli("member", "add", "--workspace", "ws_missing", "--email", memberEmail, "--role", "ADMIN", "--json"), "not_found");
    expectError(await cli("workspace", "create", "--name", "Nobody's", "--owner", uniqueEmail("ghost"), "--json"), "not_found");
    expectError(await cli("workspace", "create", "--owner", ownerEmail, "--json"), "validation_failed");
    expectError(await cli("no-such-command", "--json"), "bad_request");
  });

  it("reports a broken environment as a JSON error, without a stack", async () => {
    const r = await new Promise<Run>((resolve, reject) => {
      const env = { ...process.env, DATABASE_URL: "not a url", SWITCHYARD_DATA_DIR: path.join(import.meta.dirname, "no-such-dir") };
      const child = spawn(process.execPath, [BIN, "migrate", "--json"], { env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.on("error", reject);
      child.on("exit", (code) => {
        try {
          const lines = stdout.split("\n").filter((l) => l.trim());
          expect(lines).toHaveLength(1);
          resolve({ code: code ?? -1, stdout, stderr: "", json: JSON.parse(lines[0]) });
        } catch (e) {
          reject(e);
        }
      });
    });
    expect(r.code).not.toBe(0);
    expect(r.json).toEqual({ error: { code: expect.any(String), message: expect.stringContaining("DATABASE_URL") } });
  });
});
