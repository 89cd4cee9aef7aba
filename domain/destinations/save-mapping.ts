import type { z } from "zod";
import { getPrisma } from "@/lib/db/prisma";
import { AppError, notFound } from "@/lib/errors/app-error";
import { fromZodError } from "@/lib/errors/from-zod";
import { createId } from "@/lib/ids/create-id";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { mappingInput } from "./destination-schemas";
import { findDestination, moduleOf } from "./find-destination";

export type SaveMappingOptions = {
  workspaceId: string;
  destinationId: string;
  // Missing: a new mapping.
  mappingId?: string;
  mapping: z.input<typeof mappingInput>;
  actor: Actor;
  requestId?: string;
};

function present(m: { id: string; name: string; trigger: unknown; fields: unknown; position: number; enabled: boolean }) {
  return { id: m.id, name: m.name, trigger: m.trigger, fields: m.fields, position: m.position, enabled: m.enabled };
}

// Adds or replaces a mapping; the trigger's condition must parse.
export async function saveMapping(o: SaveMappingOptions) {
  const parsed = mappingInput.safeParse(o.mapping);
  if (!parsed.success) throw fromZodError(parsed.error, "Invalid mapping");
  const m = parsed.data;
  return getPrisma().$transaction(async (tx) => {
    const d = await findDestination({ workspaceId: o.workspaceId, destinationId: o.destinationId, tx });
    if (moduleOf(d.type).category === "warehouse") throw new AppError("bad_request", "Warehouses load the whole event; they have no mappings");
    const data = { name: m.name, enabled: m.enabled, trigger: m.trigger, fields: m.fields };
    let saved;
    let before = null;
    if (o.mappingId) {
      before = await tx.mapping.findFirst({ where: { id: o.mappingId, workspaceId: o.workspaceId, destinationId: d.id } });
      if (!before) throw notFound("Mapping not found");
      saved = await tx.mapping.update({ where: { id: before.id, workspaceId: o.workspaceId }, data: { ...data, position: m.position ?? before.position } });
    } else {
      const last = await tx.mapping.aggregate({ where: { workspaceId: o.workspaceId, destinationId: d.id }, _max: { position: true } });
      saved = await tx.mapping.create({
        data: { id: createId({ kind: "mapping" }), workspaceId: o.workspaceId, destinationId: d.id, ...data, position: m.position ?? (last._max.position ?? -1) + 1 },
      });
    }
    await recordAudit(tx, {
      workspaceId: o.workspaceId, actor: o.actor, action: o.mappingId ? "mapping.update" : "mapping.create", targetType: "mapping",
      targetId: saved.id, before: before ? present(before) : undefined, after: present(saved), requestId: o.requestId,
    });
    return present(saved);
  });
}

export async function deleteMapping(o: { workspaceId: string; destinationId: string; mappingId: string; actor: Actor; requestId?: string }) {
  return getPrisma().$transaction(async (tx) => {
    const before = await tx.mapping.findFirst({ where: { id: o.mappingId, workspaceId: o.workspaceId, destinationId: o.destinationId } });
    if (!before) throw notFound("Mapping not found");
    await tx.mapping.delete({ where: { id: before.id, workspaceId: o.workspaceId } });
    await recordAudit(tx, {
      workspaceId: o.workspaceId, actor: o.actor, action: "mapping.delete", targetType: "mapping", targetId: before.id,
      before: present(before), requestId: o.requestId,
    });
    return { id: before.id, deleted: true };
  });
}
