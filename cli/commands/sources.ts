import { once } from "node:events";
import { z } from "zod";
import { cliActor } from "@/domain/actor";
import { exportEvents } from "@/domain/events/export-events";
import { createSource } from "@/domain/sources/create-source";
import { deleteSource } from "@/domain/sources/delete-source";
import { findSourceWorkspace, findWriteKeyWorkspace } from "@/domain/sources/find-source-workspace";
import { listSources } from "@/domain/sources/list-sources";
import { renameSource } from "@/domain/sources/rename-source";
import { getUsage } from "@/domain/usage/get-usage";
import { createWriteKey } from "@/domain/write-keys/create-write-key";
import { listWriteKeys } from "@/domain/write-keys/list-write-keys";
import { revokeWriteKey } from "@/domain/write-keys/revoke-write-key";
import { rotateWriteKey } from "@/domain/write-keys/rotate-write-key";
import { defineCommand } from "../command";

// The CLI is an operator tool with no workspace context of its own: commands that name a source or key look up
// its workspace first and then call the tenant-scoped domain functions with it.

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const duration = z
  .string()
  .regex(/^\d+(\.\d+)?(ms|s|m|h|d)$/, "must be a duration like 30m, 24h or 7d")
  .transform((s) => {
    const [, n, unit] = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(s)!;
    return Number(n) * UNITS[unit];
  });
const sourceType = z.string().transform((t) => t.toUpperCase()).pipe(z.enum(["JAVASCRIPT", "SERVER", "HTTP"]));

export const sourceCommands = [
  defineCommand({
    name: "source create",
    summary: "Create a source and its first write key (the key is printed once)",
    usage: "source create --workspace <id> --name <name> --type javascript|server|http",
    options: z.object({ workspace: z.string(), name: z.string(), type: sourceType }),
    run: async ({ workspace, name, type }) => {
      const { source, writeKey } = await createSource({ workspaceId: workspace, name, type, actor: cliActor() });
      return {
        source: { id: source.id, workspaceId: source.workspaceId, name: source.name, type: source.type },
        writeKey: { id: writeKey.id, prefix: writeKey.prefix, key: writeKey.key },
      };
    },
    human: (r) => `Created source ${r.source.name} (${r.source.id})\nWrite key (shown once): ${r.writeKey.key}`,
  }),
  defineCommand({
    name: "source list",
    summary: "List a workspace's sources with their event volume over the last 7 days",
    usage: "source list --workspace <id>",
    options: z.object({ workspace: z.string() }),
    run: async ({ workspace }) => ({ sources: await listSources({ workspaceId: workspace }) }),
    human: (r) =>
      r.sources.length === 0
        ? "No sources."
        : r.sources.map((s) => `${s.id}  ${s.type.padEnd(10)} ${String(s.eventsRecent).padStart(9)} events/7d  ${s.name}`).join("\n"),
  }),
  defineCommand({
    name: "source rename",
    summary: "Rename a source",
    usage: "source rename --source <id> --name <name>",
    options: z.object({ source: z.string(), name: z.string() }),
    run: async ({ source, name }) => {
      const s = await renameSource({ workspaceId: await findSourceWorkspace(source), sourceId: source, name, actor: cliActor() });
      return { source: { id: s.id, name: s.name } };
    },
    human: (r) => `Renamed ${r.source.id} to ${r.source.name}`,
  }),
  defineCommand({
    name: "source delete",
    summary: "Delete a source and its write keys",
    usage: "source delete --source <id>",
    options: z.object({ source: z.string() }),
    run: async ({ source }) => deleteSource({ workspaceId: await findSourceWorkspace(source), sourceId: source, actor: cliActor() }),
    human: (r) => `Deleted source ${r.id}`,
  }),
  defineCommand({
    name: "writekey create",
    summary: "Add a write key to a source (the key is printed once)",
    usage: "writekey create --source <id>",
    options: z.object({ source: z.string() }),
    run: async ({ source }) => {
      const k = await createWriteKey({ workspaceId: await findSourceWorkspace(source), sourceId: source, actor: cliActor() });
      return { writeKey: { id: k.id, sourceId: k.sourceId, prefix: k.prefix, key: k.key } };
    },
    human: (r) => `Created write key ${r.writeKey.id}\nWrite key (shown once): ${r.writeKey.key}`,
  }),
  defineCommand({
    name: "writekey list",
    summary: "List a source's write keys",
    usage: "writekey list --source <id>",
    options: z.object({ source: z.string() }),
    run: async ({ source }) => ({ writeKeys: await listWriteKeys({ workspaceId: await findSourceWorkspace(source), sourceId: source }) }),
    human: (r) => r.writeKeys.map((k) => `${k.id}  ${k.prefix}…  ${k.status}${k.expiresAt ? ` until ${k.expiresAt.toISOString()}` : ""}`).join("\n"),
  }),
  defineCommand({
    name: "writekey rotate",
    summary: "Issue a new write key; the old ones keep working for the grace period (default 24h)",
    usage: "writekey rotate --source <id> [--key <id>] [--grace 24h]",
    options: z.object({ source: z.string(), key: z.string().optional(), grace: duration.default(24 * 3_600_000) }),
    run: async ({ source, key, grace }) => {
      const k = await rotateWriteKey({ workspaceId: await findSourceWorkspace(source), sourceId: source, keyId: key, graceMs: grace, actor: cliActor() });
      return { writeKey: { id: k.id, sourceId: k.sourceId, prefix: k.prefix, key: k.key }, rotated: k.rotated };
    },
    human: (r) =>
      [`New write key ${r.writeKey.id} (shown once): ${r.writeKey.key}`, ...r.rotated.map((k) => `Old key ${k.id} (${k.prefix}…) expires ${k.expiresAt.toISOString()}`)].join("\n"),
  }),
  defineCommand({
    name: "writekey revoke",
    summary: "Revoke a write key immediately",
    usage: "writekey revoke --key <id>",
    options: z.object({ key: z.string() }),
    run: async ({ key }) => revokeWriteKey({ workspaceId: await findWriteKeyWorkspace(key), keyId: key, actor: cliActor() }),
    human: (r) => `Revoked write key ${r.id} (${r.prefix}…)`,
  }),
  defineCommand({
    name: "usage show",
    summary: "MTUs this month against the tier limit, and events per source per day",
    usage: "usage show --workspace <id> [--days 30]",
    options: z.object({ workspace: z.string(), days: z.coerce.number().int().min(1).max(366).default(30) }),
    run: async ({ workspace, days }) => getUsage({ workspaceId: workspace, days }),
    human: (r) => `${r.month}: ${r.mtu} MTUs${r.mtuLimit === null ? "" : ` of ${r.mtuLimit}`}${r.overLimit ? " (over the limit)" : ""}`,
  }),
  defineCommand({
    name: "events export",
    summary: "Print a source's events as NDJSON, oldest first",
    usage: "events export --source <id> [--since <ISO date>] [--until <ISO date>]",
    options: z.object({ source: z.string(), since: z.string().optional(), until: z.string().optional() }),
    // Streams NDJSON to stdout and returns nothing, so the CLI prints no result after the last line. Errors before
    // the first line still go the usual way.
    run: async ({ source, since, until }) => {
      const lines = exportEvents({ workspaceId: await findSourceWorkspace(source), sourceId: source, since, until });
      for await (const line of lines) if (!process.stdout.write(line)) await once(process.stdout, "drain");
      await new Promise<void>((resolve) => process.stdout.write("", () => resolve()));
      return undefined;
    },
  }),
];
