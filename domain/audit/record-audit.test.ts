import { describe, expect, it } from "vitest";
import { systemActor } from "@/domain/actor";
import { seedWorkspace } from "@/e2e/support/seed";
import { getPrisma } from "@/lib/db/prisma";
import { listAuditLogs } from "./list-audit-logs";
import { recordAudit } from "./record-audit";

describe("audit log", () => {
  it("never stores secret fields in before/after, at any depth", async () => {
    const { workspace } = await seedWorkspace();
    const secrets = {
      passwordHash: "$argon2id$secret-hash", password: "hunter2-hunter2", token: "syt_plaintexttoken", tokenHash: "abc123hash",
      keyHash: "keyhash-value", keyPlain: "wk_plaintext", key: "raw-key-value", settingsEncrypted: "v1:cipher",
      apiKey: "sk_live_destination", clientSecret: "oauth-client-secret", accessToken: "ya29.access", authorization: "Bearer abc",
    };
    await getPrisma().$transaction((tx) =>
      recordAudit(tx, {
        workspaceId: workspace.id, actor: systemActor, action: "test.redaction", targetType: "test",
        before: { name: "kept", ...secrets },
        after: { name: "kept too", nested: { list: [{ ...secrets, id: "x1" }] } },
      }),
    );
    const { entries } = await listAuditLogs({ workspaceId: workspace.id, limit: 1 });
    const stored = JSON.stringify([entries[0].before, entries[0].after]);
    for (const value of Object.values(secrets)) expect(stored).not.toContain(value);
    expect(entries[0].before).toMatchObject({ name: "kept", password: "[redacted]", apiKey: "[redacted]" });
    expect(entries[0].after).toMatchObject({ name: "kept too", nested: { list: [{ id: "x1", token: "[redacted]" }] } });
  });

  it("pages newest first with a cursor", async () => {
    const { workspace } = await seedWorkspace();
    for (let i = 0; i < 5; i++) {
      await getPrisma().$transaction((tx) => recordAudit(tx, { workspaceId: workspace.id, actor: systemActor, action: `test.${i}`, targetType: "test" }));
    }
    const first = await listAuditLogs({ workspaceId: workspace.id, limit: 4 });
    expect(first.entries.map((e) => e.action)).toEqual(["test.4", "test.3", "test.2", "test.1"]);
    expect(first.nextCursor).toBe(first.entries[3].id);
    const second = await listAuditLogs({ workspaceId: workspace.id, limit: 4, before: first.nextCursor! });
    expect(second.entries.map((e) => e.action)).toEqual(["test.0", "workspace.create"]);
    expect(second.nextCursor).toBeNull();
  });
});
