import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "@/domain/actor";
import { listWriteKeys } from "@/domain/write-keys/list-write-keys";
import { revokeWriteKey } from "@/domain/write-keys/revoke-write-key";
import { rotateWriteKey } from "@/domain/write-keys/rotate-write-key";
import { getPrisma } from "@/lib/db/prisma";
import { hashToken } from "@/lib/crypto/tokens";
import { seedSource } from "@/tests/helpers/seed-source";
import { basicAuth, startCollector, type TestCollector } from "@/tests/helpers/start-collector";

let collector: TestCollector;

beforeAll(async () => {
  collector = await startCollector({ keyCacheTtlMs: 100 });
});
afterAll(async () => {
  await collector.stop();
});

const post = (key: string) =>
  fetch(`${collector.url}/v1/track`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: basicAuth(key) },
    body: JSON.stringify({ userId: "u", event: "Key Test" }),
  }).then((r) => r.status);

describe("write key rotation and revocation", () => {
  it("during the grace period both keys work; after it the old key gets 401", async () => {
    const src = await seedSource();
    expect(await post(src.writeKey)).toBe(200);
    const rotated = await rotateWriteKey({ workspaceId: src.workspaceId, sourceId: src.sourceId, graceMs: 1_500, actor: cliActor("test") });
    expect(rotated.key).not.toBe(src.writeKey);
    expect(rotated.rotated.map((k) => k.id)).toEqual([src.writeKeyId]);
    expect(await post(rotated.key)).toBe(200);
    expect(await post(src.writeKey)).toBe(200);
    await new Promise((r) => setTimeout(r, 1_600));
    expect(await post(src.writeKey)).toBe(401);
    expect(await post(rotated.key)).toBe(200);
    const statuses = (await listWriteKeys({ workspaceId: src.workspaceId, sourceId: src.sourceId })).map((k) => [k.id, k.status]);
    expect(statuses).toEqual(expect.arrayContaining([[src.writeKeyId, "expired"], [rotated.id, "active"]]));
  });

  it("revocation takes effect within the key cache TTL", async () => {
    const src = await seedSource();
    expect(await post(src.writeKey)).toBe(200);
    await revokeWriteKey({ workspaceId: src.workspaceId, keyId: src.writeKeyId, actor: cliActor("test") });
    await new Promise((r) => setTimeout(r, 150));
    expect(await post(src.writeKey)).toBe(401);
  });

  it("stores only the hash and prefix for server sources, and the plain key for browser sources; audits each change", async () => {
    const server = await seedSource({ type: "SERVER" });
    const browser = await seedSource({ type: "JAVASCRIPT" });
    const db = getPrisma();
    const s = await db.writeKey.findUniqueOrThrow({ where: { id: server.writeKeyId } });
    expect(s).toMatchObject({ keyHash: hashToken(server.writeKey), prefix: server.writeKey.slice(0, 6), keyPlain: null });
    const b = await db.writeKey.findUniqueOrThrow({ where: { id: browser.writeKeyId } });
    expect(b.keyPlain).toBe(browser.writeKey);
    const audit = await db.auditLog.findMany({ where: { workspaceId: server.workspaceId } });
    expect(audit.map((a) => a.action)).toContain("source.create");
    expect(JSON.stringify(audit)).not.toContain(server.writeKey);
  });

  it("keeps tenants apart: another workspace cannot rotate or revoke a key", async () => {
    const mine = await seedSource();
    const theirs = await seedSource();
    await expect(rotateWriteKey({ workspaceId: theirs.workspaceId, sourceId: mine.sourceId, actor: cliActor("test") })).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeWriteKey({ workspaceId: theirs.workspaceId, keyId: mine.writeKeyId, actor: cliActor("test") })).rejects.toMatchObject({ code: "not_found" });
    expect(await post(mine.writeKey)).toBe(200);
  });
});
