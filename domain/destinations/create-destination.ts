import { getPrisma } from "@/lib/db/prisma";
import { AppError, notFound } from "@/lib/errors/app-error";
import { encryptSecret } from "@/lib/crypto/encrypt-secret";
import { createId } from "@/lib/ids/create-id";
import { mappingDefinitionSchema } from "@/pipeline/mappings/mapping-schema";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { limitsFor, TIER_LIMITS } from "../workspaces/tier-limits";
import { maskSettings, moduleOf, presentDestination } from "./find-destination";
import { parseSettings } from "./parse-settings";

export type CreateDestinationOptions = {
  workspaceId: string;
  type: string;
  name: string;
  settings: Record<string, unknown>;
  enabled?: boolean;
  actor: Actor;
  requestId?: string;
};

// Enforces the tier's destination limit, stores the settings encrypted, and seeds the type's default mappings.
export async function createDestination(o: CreateDestinationOptions) {
  const module = moduleOf(o.type);
  const settings = parseSettings(module, o.settings);
  return getPrisma().$transaction(async (tx) => {
    // Serializes creations in one workspace so two concurrent requests cannot both pass the limit.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('destinations:' || ${o.workspaceId}))`;
    const workspace = await tx.workspace.findUnique({ where: { id: o.workspaceId } });
    if (!workspace) throw notFound("Workspace not found");
    const limit = limitsFor(workspace).destinations;
    if (limit !== null) {
      const count = await tx.destination.count({ where: { workspaceId: o.workspaceId } });
      if (count >= limit) {
        throw new AppError(
          "limit_exceeded",
          `The ${TIER_LIMITS[workspace.tier].label} tier allows ${limit} destination${limit === 1 ? "" : "s"} and this workspace has ${count}. Upgrade the workspace's tier or delete a destination to add another.`,
        );
      }
    }
    const destination = await tx.destination.create({
      data: {
        id: createId({ kind: "destination" }),
        workspaceId: o.workspaceId,
        type: module.type,
        name: o.name,
        enabled: o.enabled ?? true,
        settingsEncrypted: encryptSecret(JSON.stringify(settings)),
      },
    });
    for (const [position, m] of module.defaultMappings.entries()) {
      const def = mappingDefinitionSchema.parse(m);
      await tx.mapping.create({
        data: { id: createId({ kind: "mapping" }), workspaceId: o.workspaceId, destinationId: destination.id, name: def.name, enabled: def.enabled, trigger: def.trigger, fields: def.fields, position },
      });
    }
    await recordAudit(tx, {
      workspaceId: o.workspaceId,
      actor: o.actor,
      action: "destination.create",
      targetType: "destination",
      targetId: destination.id,
      after: { type: destination.type, name: destination.name, enabled: destination.enabled, settings: maskSettings(module, settings) },
      requestId: o.requestId,
    });
    return presentDestination(destination);
  });
}
