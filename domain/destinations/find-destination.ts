import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decryptSecret } from "@/lib/crypto/encrypt-secret";
import type { DestinationModule } from "@/pipeline/destinations/destination-types";
import { getDestinationType } from "@/pipeline/destinations/registry";
import { MASK } from "./destination-schemas";

type Tx = Prisma.TransactionClient;

// Tenancy in the query: a destination of another workspace is simply not found.
export async function findDestination(o: { workspaceId: string; destinationId: string; tx?: Tx }) {
  const d = await (o.tx ?? getPrisma()).destination.findFirst({ where: { id: o.destinationId, workspaceId: o.workspaceId } });
  if (!d) throw notFound("Destination not found");
  return d;
}

export function moduleOf(type: string): DestinationModule {
  const m = getDestinationType(type);
  if (!m) throw notFound(`Unknown destination type ${type}`);
  return m;
}

export function readSettings(settingsEncrypted: string): Record<string, unknown> {
  return JSON.parse(decryptSecret(settingsEncrypted)) as Record<string, unknown>;
}

// Secret fields shown as a mask (objects such as headers keep their keys, values masked).
export function maskSettings(module: DestinationModule, settings: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...settings };
  for (const f of module.secretFields) {
    const v = out[f];
    if (v === undefined || v === null) continue;
    out[f] = v && typeof v === "object" ? Object.fromEntries(Object.keys(v).map((k) => [k, MASK])) : MASK;
  }
  return out;
}

// The wire shape of a destination: never the stored ciphertext, secrets masked.
export function presentDestination(d: { id: string; workspaceId: string; type: string; name: string; enabled: boolean; settingsEncrypted: string; createdAt: Date; updatedAt: Date }) {
  const module = moduleOf(d.type);
  let settings: Record<string, unknown> = {};
  try {
    settings = maskSettings(module, readSettings(d.settingsEncrypted));
  } catch {
    settings = {};
  }
  return { id: d.id, workspaceId: d.workspaceId, type: d.type, category: module.category, name: d.name, enabled: d.enabled, settings, createdAt: d.createdAt, updatedAt: d.updatedAt };
}
