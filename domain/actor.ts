import type { ActorType } from "@/lib/generated/prisma/enums";

// Who made a change, for the audit log: a signed-in user (console), an API token, or an operator at the CLI.
export type Actor = { type: ActorType; id: string | null; label: string };

export const cliActor = (label = "cli"): Actor => ({ type: "CLI", id: null, label });
export const systemActor: Actor = { type: "SYSTEM", id: null, label: "system" };
