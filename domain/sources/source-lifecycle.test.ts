import { describe, expect, it } from "vitest";
import { cliActor } from "@/domain/actor";
import { getPrisma } from "@/lib/db/prisma";
import { seedSource, seedWorkspace } from "@/tests/helpers/seed-source";
import { createSource } from "./create-source";
import { deleteSource } from "./delete-source";
import { listSources } from "./list-sources";
import { renameSource } from "./rename-source";

const actor = cliActor("test");

describe("source lifecycle", () => {
  it("creates, renames and deletes a source, auditing each change without the key", async () => {
    const ws = await seedWorkspace();
    const { source, writeKey } = await createSource({ workspaceId: ws.id, name: "  Web  ", type: "JAVASCRIPT", actor });
    expect(source.name).toBe("Web");
    expect(source.id).toMatch(/^src_/);
    expect(writeKey.id).toMatch(/^key_/);
    expect(writeKey.prefix).toBe(writeKey.key.slice(0, 6));

    await renameSource({ workspaceId: ws.id, sourceId: source.id, name: "Website", actor });
    expect((await listSources({ workspaceId: ws.id })).map((s) => s.name)).toEqual(["Website"]);

    await deleteSource({ workspaceId: ws.id, sourceId: source.id, actor });
    expect(await listSources({ workspaceId: ws.id })).toEqual([]);
    expect(await getPrisma().writeKey.findUnique({ where: { id: writeKey.id } })).toBeNull();

    const audit = await getPrisma().auditLog.findMany({ where: { workspaceId: ws.id } });
    expect(audit.map((a) => a.action).sort()).toEqual(["source.create", "source.delete", "source.rename"]);
    expect(audit.find((a) => a.action === "source.rename")).toMatchObject({ before: { name: "Web" }, after: { name: "Website" } });
    expect(JSON.stringify(audit)).not.toContain(writeKey.key);
  });

  it("refuses bad input and another workspace's sources with clear errors", async () => {
    const ws = await seedWorkspace();
    await expect(createSource({ workspaceId: ws.id, name: "", type: "SERVER", actor })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(createSource({ workspaceId: ws.id, name: "X", type: "DESKTOP", actor })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(createSource({ workspaceId: "ws_missing", name: "X", type: "SERVER", actor })).rejects.toMatchObject({ code: "not_found" });
    const other = await seedSource();
    await expect(renameSource({ workspaceId: ws.id, sourceId: other.sourceId, name: "Mine", actor })).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteSource({ workspaceId: ws.id, sourceId: other.sourceId, actor })).rejects.toMatchObject({ code: "not_found" });
    expect(await getPrisma().source.findUnique({ where: { id: other.sourceId } })).not.toBeNull();
  });
});
