import { getPrisma } from "@/lib/db/prisma";
import { encryptSecret } from "@/lib/crypto/encrypt-secret";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { findDestination, maskSettings, moduleOf, presentDestination, readSettings } from "./find-destination";
import { parseSettings } from "./parse-settings";

export type UpdateDestinationOptions = {
  workspaceId: string;
  destinationId: string;
  name?: string;
  enabled?: boolean;
  settings?: Record<string, unknown>;
  actor: Actor;
  requestId?: string;
};

export async function updateDestination(o: UpdateDestinationOptions) {
  return getPrisma().$transaction(async (tx) => {
    const d = await findDestination({ workspaceId: o.workspaceId, destinationId: o.destinationId, tx });
    const module = moduleOf(d.type);
    const previous = readSettings(d.settingsEncrypted);
    const settings = o.settings ? parseSettings(module, o.settings, previous) : previous;
    const updated = await tx.destination.update({
      where: { id: d.id, workspaceId: o.workspaceId },
      data: {
        name: o.name ?? d.name,
        enabled: o.enabled ?? d.enabled,
        ...(o.settings ? { settingsEncrypted: encryptSecret(JSON.stringify(settings)) } : {}),
      },
    });
    await recordAudit(tx, {
      workspaceId: o.workspaceId,
      actor: o.actor,
      action: "destination.update",
      targetType: "destination",
      targetId: d.id,
      before: { name: d.name, enabled: d.enabled, settings: maskSettings(module, previous) },
      after: { name: updated.name, enabled: updated.enabled, settings: maskSettings(module, settings) },
      requestId: o.requestId,
    });
    return presentDestination(updated);
  });
}
