import { describe, expect, it } from "vitest";
import { cliActor } from "@/domain/actor";
import { seedSource } from "@/tests/helpers/seed-source";
import { addFilter } from "./add-filter";
import { connectDestination } from "./connect-destination";
import { createDestination } from "./create-destination";
import { deleteFilter, updateFilter } from "./update-filter";

const actor = cliActor("test");
const only = { name: "Only orders", if: 'event = "Order Completed"', actions: [{ type: "ONLY_SEND" as const }] };

describe("updateFilter / deleteFilter", () => {
  it("finds nothing for a member scoped to other sources, and works within the scope", async () => {
    const a = await seedSource({ name: "A" });
    const b = await seedSource({ workspaceId: a.workspaceId, name: "B" });
    const d = await createDestination({ workspaceId: a.workspaceId, type: "webhook", name: "Hook", settings: { url: "https://example.com/h" }, actor });
    await connectDestination({ workspaceId: a.workspaceId, destinationId: d.id, sourceId: b.sourceId, actor });
    const f = await addFilter({ workspaceId: a.workspaceId, destinationId: d.id, sourceId: b.sourceId, filter: only, actor });
    const base = { workspaceId: a.workspaceId, destinationId: d.id, filterId: f.id, actor };

    const onlyA = (id: string) => id === a.sourceId;
    await expect(updateFilter({ ...base, filter: { ...only, if: "true" }, maySource: onlyA })).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteFilter({ ...base, maySource: onlyA })).rejects.toMatchObject({ code: "not_found" });

    const onlyB = (id: string) => id === b.sourceId;
    const updated = await updateFilter({ ...base, filter: { ...only, name: "Renamed" }, maySource: onlyB });
    expect(updated.name).toBe("Renamed");
    await expect(deleteFilter({ ...base, maySource: onlyB })).resolves.toMatchObject({ deleted: true });
  });
});
