import { z } from "zod";
import { getPool } from "@/lib/db/pool";
import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors/app-error";
import { fromZodError } from "@/lib/errors/from-zod";

export type ExportEventsOptions = { workspaceId: string; sourceId: string; since?: Date | string; until?: Date | string; pageSize?: number };

const optionsSchema = z.object({
  since: z.coerce.date().optional(),
  until: z.coerce.date().optional(),
  pageSize: z.number().int().min(1).max(10_000).default(1_000),
});

// A source's events as NDJSON lines (one stored event each, newline included), oldest first. Pages through the log
// by (received_at, seq), so memory stays flat however many events there are.
export async function* exportEvents({ workspaceId, sourceId, ...rest }: ExportEventsOptions): AsyncGenerator<string> {
  const parsed = optionsSchema.safeParse(rest);
  if (!parsed.success) throw fromZodError(parsed.error, "Invalid export range");
  const { since, until, pageSize } = parsed.data;
  const source = await getPrisma().source.findFirst({ where: { id: sourceId, workspaceId }, select: { id: true } });
  if (!source) throw notFound("Source not found");
  const pool = getPool();
  let after: { at: Date; seq: string } | null = null;
  for (;;) {
    const res: { rows: { received_at: Date; seq: string; payload: string }[] } = await pool.query(
      `SELECT received_at, seq::text AS seq, payload::text AS payload FROM eventlog.events
       WHERE workspace_id = $1 AND source_id = $2
         AND ($3::timestamptz IS NULL OR received_at >= $3) AND ($4::timestamptz IS NULL OR received_at < $4)
         AND ($5::timestamptz IS NULL OR (received_at, seq) > ($5, $6::bigint))
       ORDER BY received_at, seq LIMIT $7`,
      [workspaceId, sourceId, since ?? null, until ?? null, after?.at ?? null, after?.seq ?? null, pageSize],
    );
    for (const row of res.rows) yield row.payload + "\n";
    if (res.rows.length < pageSize) return;
    const last = res.rows[res.rows.length - 1];
    after = { at: last.received_at, seq: last.seq };
  }
}
