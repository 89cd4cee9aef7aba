import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/domain/actor";
import { seedApiToken } from "@/e2e/support/seed-access";
import { seedWorkspace } from "@/e2e/support/seed";
import { getPrisma } from "@/lib/db/prisma";
import { authenticateApiToken } from "./authenticate-api-token";
import { createApiToken } from "./create-api-token";
import { listApiTokens } from "./list-api-tokens";
import { revokeApiToken } from "./revoke-api-token";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe("API tokens", () => {
  it("are shown once and stored as a hash", async () => {
    const { workspace, owner } = await seedWorkspace();
    const created = await seedApiToken(workspace.id, owner.id, "READONLY");
    expect(created.token).toMatch(/^syt_[0-9A-Za-z]{40}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    const row = await getPrisma().apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(sha256(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    const listed = await listApiTokens({ workspaceId: workspace.id });
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(listed[0]).not.toHaveProperty("tokenHash");
    const audit = await getPrisma().auditLog.findMany({ where: { workspaceId: workspace.id } });
    expect(JSON.stringify(audit)).not.toContain(created.token);
    expect(JSON.stringify(audit)).not.toContain(row.tokenHash);
  });

  it("authenticate to their workspace and role until revoked", async () => {
    const { workspace, owner } = await seedWorkspace();
    const created = await seedApiToken(workspace.id, owner.id, "ADMIN");
    await expect(authenticateApiToken({ token: created.token })).resolves.toEqual({
      id: created.id, name: created.name, workspaceId: workspace.id, role: "ADMIN",
    });
    await expect(authenticateApiToken({ token: created.token + "x" })).resolves.toBeNull();
    await expect(authenticateApiToken({ token: created.token.replace(/^syt_/, "") })).resolves.toBeNull();

    const revoked = await revokeApiToken({ workspaceId: workspace.id, tokenId: created.id, actor: systemActor });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    await expect(authenticateApiToken({ token: created.token })).resolves.toBeNull();
  });

  it("stop working when expired", async () => {
    const { workspace, owner } = await seedWorkspace();
    const created = await createApiToken({ workspaceId: workspace.id, createdById: owner.id, name: "short", expiresInDays: 1, actor: systemActor });
    await expect(authenticateApiToken({ token: created.token })).resolves.not.toBeNull();
    await getPrisma().apiToken.update({ where: { id: created.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(authenticateApiToken({ token: created.token })).resolves.toBeNull();
  });

  it("cannot be Owners, and cannot be revoked through another workspace", async () => {
    const a = await seedWorkspace();
    const b = await seedWorkspace();
    await expect(
      createApiToken({ workspaceId: a.workspace.id, createdById: a.owner.id, name: "root", role: "OWNER", actor: systemActor }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    const created = await seedApiToken(a.workspace.id, a.owner.id);
    await expect(revokeApiToken({ workspaceId: b.workspace.id, tokenId: created.id, actor: systemActor })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(authenticateApiToken({ token: created.token })).resolves.not.toBeNull();
  });
});
