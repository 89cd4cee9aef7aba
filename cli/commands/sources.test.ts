import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "@/lib/crypto/tokens";
import { getPrisma } from "@/lib/db/prisma";
import { seedWorkspace } from "@/tests/helpers/seed-source";
import { basicAuth, startCollector, type TestCollector } from "@/tests/helpers/start-collector";

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, "../../bin/switchyard.js");
const cli = async (...args: string[]) => {
  const { stdout } = await run(process.execPath, [BIN, ...args], { env: process.env });
  return stdout;
};

let collector: TestCollector;
beforeAll(async () => {
  collector = await startCollector();
});
afterAll(async () => {
  await collector.stop();
});

describe("switchyard source / writekey / events CLI", () => {
  it("creates a source whose printed key works, rotates it, and exports its events as NDJSON", { timeout: 60_000 }, async () => {
    const ws = await seedWorkspace("CLI workspace");
    const created = JSON.parse(await cli("source", "create", "--workspace", ws.id, "--name", "Website", "--type", "javascript", "--json"));
    expect(created.source).toMatchObject({ workspaceId: ws.id, name: "Website", type: "JAVASCRIPT" });
    expect(created.writeKey.key).toMatch(/^[0-9A-Za-z]{32}$/);
    const stored = await getPrisma().writeKey.findUniqueOrThrow({ where: { id: created.writeKey.id } });
    expect(stored.keyHash).toBe(hashToken(created.writeKey.key));

    const res = await fetch(`${collector.url}/v1/batch`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: basicAuth(created.writeKey.key) },
      body: JSON.stringify({ batch: [1, 2, 3].map((i) => ({ type: "track", event: `E${i}`, userId: "u", messageId: `cli-${i}` })) }),
    });
    expect(res.status).toBe(200);

    const listed = JSON.parse(await cli("source", "list", "--workspace", ws.id, "--json"));
    expect(listed.sources).toEqual([expect.objectContaining({ id: created.source.id, eventsRecent: 3, activeWriteKeys: 1 })]);

    const rotated = JSON.parse(await cli("writekey", "rotate", "--source", created.source.id, "--grace", "1h", "--json"));
    expect(rotated.rotated).toEqual([expect.objectContaining({ id: created.writeKey.id })]);
    expect(Date.parse(rotated.rotated[0].expiresAt) - Date.now()).toBeGreaterThan(59 * 60_000);

    const revoked = JSON.parse(await cli("writekey", "revoke", "--key", created.writeKey.id, "--json"));
    expect(revoked.id).toBe(created.writeKey.id);

    const ndjson = await cli("events", "export", "--source", created.source.id);
    const lines = ndjson.trimEnd().split("\n");
    expect(lines.map((l) => JSON.parse(l).messageId)).toEqual(["cli-1", "cli-2", "cli-3"]);
    expect(ndjson.endsWith("\n")).toBe(true);

    const none = await cli("events", "export", "--source", created.source.id, "--since", new Date(Date.now() + 3_600_000).toISOString());
    expect(none).toBe("");
  });

  it("reports a bad type and an unknown source as JSON errors", async () => {
    const ws = await seedWorkspace();
    const bad = await run(process.execPath, [BIN, "source", "create", "--workspace", ws.id, "--name", "X", "--type", "desktop", "--json"]).catch((e) => e);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).error.code).toBe("validation_failed");
    const missing = await run(process.execPath, [BIN, "events", "export", "--source", "src_nope", "--json"]).catch((e) => e);
    expect(JSON.parse(missing.stdout).error.code).toBe("not_found");
  });
});
