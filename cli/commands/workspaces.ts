import { z } from "zod";
import { cliActor } from "@/domain/actor";
import { addMember } from "@/domain/members/add-member";
import { createWorkspace } from "@/domain/workspaces/create-workspace";
import { setBillingTier } from "@/domain/workspaces/set-billing-tier";
import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";
import { roleSchema, tierSchema } from "@/lib/validation/common";
import { defineCommand } from "../command";

const list = z.string().transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));

export const workspaceCommands = [
  defineCommand({
    name: "workspace create",
    summary: "Create a workspace owned by an existing user",
    usage: "workspace create --name <name> --owner <email>",
    options: z.object({ name: z.string(), owner: z.string() }),
    run: async ({ name, owner }) => {
      const user = await getPrisma().user.findUnique({ where: { email: owner.trim().toLowerCase() } });
      if (!user) throw notFound(`No user with email ${owner}`);
      const workspace = await createWorkspace({ name, ownerUserId: user.id, actor: cliActor() });
      return { workspace: { id: workspace.id, name: workspace.name, tier: workspace.tier } };
    },
    human: (r) => `Created workspace ${r.workspace.name} (${r.workspace.id})`,
  }),
  defineCommand({
    name: "member add",
    summary: "Add an existing user to a workspace with a role",
    usage: "member add --workspace <id> --email <email> --role <ROLE> [--sources src_a,src_b]",
    options: z.object({
      workspace: z.string(),
      email: z.string(),
      role: z.string().transform((r) => r.toUpperCase().replace(/-/g, "_")).pipe(roleSchema),
      sources: list.optional(),
    }),
    run: async ({ workspace, email, role, sources }) => {
      const m = await addMember({
        workspaceId: workspace, email, role, allSources: !sources, sourceIds: sources ?? [], actor: cliActor(),
      });
      return { membership: { id: m.id, workspaceId: m.workspaceId, email: m.email, role: m.role, allSources: m.allSources, sourceIds: m.sourceIds } };
    },
    human: (r) => `Added ${r.membership.email} as ${r.membership.role}`,
  }),
  defineCommand({
    name: "workspace tier",
    summary: "Set a workspace's billing tier",
    usage: "workspace tier --workspace <id> --tier FREE|TEAM|BUSINESS [--mtu-limit N] [--destination-limit N]",
    options: z.object({
      workspace: z.string(),
      tier: z.string().transform((t) => t.toUpperCase()).pipe(tierSchema),
      mtuLimit: z.coerce.number().int().positive().optional(),
      destinationLimit: z.coerce.number().int().positive().optional(),
    }),
    run: async ({ workspace, tier, mtuLimit, destinationLimit }) => {
      const w = await setBillingTier({
        workspaceId: workspace, tier, customMtuLimit: mtuLimit, customDestinationLimit: destinationLimit, actor: cliActor(),
      });
      return { workspace: { id: w.id, tier: w.tier, customMtuLimit: w.customMtuLimit, customDestinationLimit: w.customDestinationLimit } };
    },
    human: (r) => `Workspace ${r.workspace.id} is now on ${r.workspace.tier}`,
  }),
];
