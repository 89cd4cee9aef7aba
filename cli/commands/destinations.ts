import { z } from "zod";
import { cliActor } from "@/domain/actor";
import { addFilter } from "@/domain/destinations/add-filter";
import { connectDestination } from "@/domain/destinations/connect-destination";
import { createDestination } from "@/domain/destinations/create-destination";
import { listDeadLetters } from "@/domain/destinations/list-dead-letters";
import { listDestinationTypes } from "@/domain/destinations/list-destination-types";
import { listDestinations } from "@/domain/destinations/list-destinations";
import { discardDeadLetters, retryDeadLetters } from "@/domain/destinations/retry-dead-letters";
import { getPrisma } from "@/lib/db/prisma";
import { AppError, notFound } from "@/lib/errors/app-error";
import { defineCommand } from "../command";

const list = z.string().transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));
const ids = z.string().transform((s, ctx) => {
  const out = s.split(",").map((x) => Number(x.trim()));
  if (out.some((n) => !Number.isInteger(n) || n <= 0)) ctx.addIssue({ code: "custom", message: "must be a comma-separated list of ids" });
  return out;
});

// The CLI is the operator's: it finds a destination's workspace from the destination itself.
async function workspaceOf(destinationId: string): Promise<string> {
  const d = await getPrisma().destination.findUnique({ where: { id: destinationId }, select: { workspaceId: true } });
  if (!d) throw notFound(`No destination ${destinationId}`);
  return d.workspaceId;
}

function parseJson(text: string, what: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text);
    if (v && typeof v === "object" && !Array.isArray(v)) return v;
  } catch {
    // fall through
  }
  throw new AppError("bad_request", `${what} must be a JSON object`);
}

const ACTIONS = ["DROP", "ONLY_SEND", "SAMPLE", "DROP_PROPERTIES", "ALLOW_PROPERTIES"] as const;

// `--fields properties.email,context.ip` -> { properties: ["email"], context: ["ip"] }
function fieldGroups(fields: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of fields) {
    const dot = f.indexOf(".");
    if (dot < 1) throw new AppError("bad_request", `--fields entries look like properties.name, traits.name or context.name (got ${f})`);
    (out[f.slice(0, dot)] ??= []).push(f.slice(dot + 1));
  }
  return out;
}

export const destinationCommands = [
  defineCommand({
    name: "destination types",
    summary: "List the destination types and their settings",
    usage: "destination types",
    options: z.object({}),
    run: async () => ({ types: listDestinationTypes().map((t) => ({ type: t.type, label: t.label, category: t.category, integrationName: t.integrationName, secretFields: t.secretFields, settingsSchema: t.settingsSchema })) }),
    human: (r) => r.types.map((t) => `${t.type.padEnd(10)} ${t.label} (${t.category}); integrations key "${t.integrationName}"`).join("\n"),
  }),
  defineCommand({
    name: "destination create",
    summary: "Create a destination (settings as JSON; secrets are stored encrypted)",
    usage: "destination create --workspace <id> --type webhook|postgres --name <name> --settings '<json>'",
    options: z.object({ workspace: z.string(), type: z.string(), name: z.string(), settings: z.string().default("{}") }),
    run: async (o) => ({
      destination: await createDestination({ workspaceId: o.workspace, type: o.type, name: o.name, settings: parseJson(o.settings, "--settings"), actor: cliActor() }),
    }),
    human: (r) => `Created ${r.destination.type} destination ${r.destination.name} (${r.destination.id})`,
  }),
  defineCommand({
    name: "destination connect",
    summary: "Send a source's events to a destination",
    usage: "destination connect --destination <id> --source <id>",
    options: z.object({ destination: z.string(), source: z.string() }),
    run: async (o) => ({
      connection: await connectDestination({ workspaceId: await workspaceOf(o.destination), destinationId: o.destination, sourceId: o.source, actor: cliActor() }),
    }),
    human: (r) => `Connected ${r.connection.sourceId} -> ${r.connection.destinationId} (${r.connection.id})`,
  }),
  defineCommand({
    name: "destination list",
    summary: "List a workspace's destinations (secrets masked)",
    usage: "destination list --workspace <id>",
    options: z.object({ workspace: z.string() }),
    run: async (o) => ({ destinations: await listDestinations({ workspaceId: o.workspace }) }),
    human: (r) =>
      r.destinations.map((d) => `${d.id}  ${d.type.padEnd(9)} ${d.enabled ? "on " : "off"} ${d.name}  sources: ${d.connections.map((c) => c.sourceId).join(", ") || "-"}`).join("\n") || "No destinations",
  }),
  defineCommand({
    name: "filter add",
    summary: "Add a filter to a source -> destination connection",
    usage: "filter add --destination <id> --source <id> --if <FQL> --action DROP|ONLY_SEND|SAMPLE|DROP_PROPERTIES|ALLOW_PROPERTIES [--percent N] [--fields properties.a,context.ip] [--name <name>]",
    options: z.object({
      destination: z.string(),
      source: z.string(),
      if: z.string(),
      action: z.string().transform((a) => a.toUpperCase().replace(/-/g, "_")).pipe(z.enum(ACTIONS)),
      percent: z.coerce.number().optional(),
      fields: list.optional(),
      name: z.string().optional(),
    }),
    run: async (o) => {
      const action =
        o.action === "SAMPLE"
          ? { type: "SAMPLE" as const, percent: o.percent ?? NaN }
          : o.action === "DROP_PROPERTIES" || o.action === "ALLOW_PROPERTIES"
            ? { type: o.action, fields: fieldGroups(o.fields ?? []) }
            : { type: o.action };
      const filter = await addFilter({
        workspaceId: await workspaceOf(o.destination), destinationId: o.destination, sourceId: o.source, actor: cliActor(),
        filter: { if: o.if, actions: [action as never], ...(o.name ? { name: o.name } : {}) },
      });
      return { filter };
    },
    human: (r) => `Added filter ${r.filter.id}: if ${r.filter.if}`,
  }),
  defineCommand({
    name: "deadletter list",
    summary: "List a destination's dead letters, newest first",
    usage: "deadletter list --destination <id> [--limit N]",
    options: z.object({ destination: z.string(), limit: z.coerce.number().int().positive().optional() }),
    run: async (o) => listDeadLetters({ workspaceId: await workspaceOf(o.destination), destinationId: o.destination, limit: o.limit }),
    human: (r) =>
      [`${r.total} dead letter(s)`, ...r.deadLetters.map((d) => `${d.id}  ${d.messageId}  attempts ${d.attempts}  ${d.lastStatus ?? ""} ${d.lastError ?? ""}`)].join("\n"),
  }),
  defineCommand({
    name: "deadletter retry",
    summary: "Send dead letters again (the listed ids, or all)",
    usage: "deadletter retry --destination <id> [--ids 1,2,3]",
    options: z.object({ destination: z.string(), ids: ids.optional() }),
    run: async (o) => retryDeadLetters({ workspaceId: await workspaceOf(o.destination), destinationId: o.destination, ids: o.ids, actor: cliActor() }),
    human: (r) => `Queued ${r.retried} dead letter(s) for delivery`,
  }),
  defineCommand({
    name: "deadletter discard",
    summary: "Delete dead letters (the listed ids, or all)",
    usage: "deadletter discard --destination <id> [--ids 1,2,3]",
    options: z.object({ destination: z.string(), ids: ids.optional() }),
    run: async (o) => discardDeadLetters({ workspaceId: await workspaceOf(o.destination), destinationId: o.destination, ids: o.ids, actor: cliActor() }),
    human: (r) => `Discarded ${r.discarded} dead letter(s)`,
  }),
];
