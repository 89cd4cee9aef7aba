import { z } from "zod";
import { listAuditLogs } from "@/domain/audit/list-audit-logs";
import { apiRoute } from "@/lib/api/api-route";

export const GET = apiRoute(
  {
    auth: { action: "audit.read" },
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), before: z.string().max(64).optional() }),
  },
  async ({ workspaceId, query }) => listAuditLogs({ workspaceId, ...query }),
);
