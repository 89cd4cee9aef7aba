import { z } from "zod";
import { rotateWriteKey } from "@/domain/write-keys/rotate-write-key";
import { apiRoute } from "@/lib/api/api-route";
import { requireSource } from "@/lib/api/require-source";

const HOUR_MS = 60 * 60 * 1000;

const rotateInput = z.object({
  // How long the old keys keep working (0: they stop now). At most 30 days.
  graceHours: z.number().min(0).max(720).default(24),
  // Rotate this key only; by default every live key of the source.
  keyId: z.string().min(1).max(100).optional(),
});

// A new key, in full (shown once), and the old keys with the time they stop working.
export const POST = apiRoute(
  { auth: { action: "writekeys.write" }, body: rotateInput },
  async ({ workspaceId, params, grant, body, actor, requestId }) => {
    await requireSource({ workspaceId, sourceId: params.sourceId, grant, action: "writekeys.write" });
    const { rotated, ...writeKey } = await rotateWriteKey({
      workspaceId, sourceId: params.sourceId, keyId: body.keyId, graceMs: body.graceHours * HOUR_MS, actor, requestId,
    });
    return { writeKey, rotated };
  },
);
