import type { Prisma } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids/create-id";
import type { Actor } from "../actor";

type Tx = Prisma.TransactionClient;

// Fields never written to the audit log, whatever entity they come from: these names, and any name that looks
// like a credential (destination settings carry apiKey, clientSecret, accessToken and the like).
const SECRET_FIELDS = new Set(["passwordHash", "keyHash", "tokenHash", "keyPlain", "settingsEncrypted", "token", "key", "password"]);
const SECRET_NAME = /password|secret|api[-_]?key|access[-_]?token|refresh[-_]?token|auth[-_]?token|authorization|cookie|private[-_]?key/i;
const isSecret = (k: string) => SECRET_FIELDS.has(k) || SECRET_NAME.test(k);

function redact(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(
    JSON.stringify(value, (k, v) => (isSecret(k) ? "[redacted]" : v)),
  ) as Prisma.InputJsonValue;
}

export type RecordAuditOptions = {
  workspaceId: string;
  actor: Actor;
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string;
};

// Call inside the transaction that makes the change, so a change and its audit entry commit together.
export async function recordAudit(tx: Tx, o: RecordAuditOptions): Promise<void> {
  await tx.auditLog.create({
    data: {
      id: createId({ kind: "audit" }),
      workspaceId: o.workspaceId,
      actorType: o.actor.type,
      actorId: o.actor.id,
      actorLabel: o.actor.label,
      action: o.action,
      targetType: o.targetType,
      targetId: o.targetId ?? null,
      before: redact(o.before),
      after: redact(o.after),
      requestId: o.requestId ?? null,
    },
  });
}
