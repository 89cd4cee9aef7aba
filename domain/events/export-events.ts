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

// A source's events as NDJSON lines (one stored event each, newline included), oldest first. Pages through the log's
// segments by (received_at, seq), so memory stays flat however many events there are. A segment's events arrived
// between its received_at and last_received_at; only segments straddling `since` or `until` are parsed to filter
// their events one by one.
export async function* exportEvents({ workspaceId, sourceId, ...rest }: ExportEventsOptions): AsyncGenerator<string> {
  const parsed = optionsSchema.safeParse(rest);
  if (!parsed.success) throw fromZodError(parsed.error, "Invalid export range");
  const { since, until, pageSize } = parsed.data;
  const source = await getPrisma().source.findFirst({ where: { id: sourceId, workspaceId }, select: { id: true } });
  if (!source) throw notFound("Source not found");
  const pool = getPool();
  const inRange = (line: string) => {
    const at = Date.parse(String((JSON.parse(line) as { receivedAt?: unknown }).receivedAt));
    return (!since || at >= since.getTime()) && (!until || at < until.getTime());
  };
  let after: { at: Date; seq: string } | null = null;
  for (;;) {
    const res: { rows: { received_at: Date; last_received_at: Date; seq: string; payloads: string }[] } = await pool.query(
      `SELECT received_at, last_received_at, seq::text AS seq, payloads FROM eventlog.segments
       WHERE workspace_id = $1 AND source_id = $2
         AND ($3::timestamptz IS NULL OR last_received_at >= $3) AND ($4::timestamptz IS NULL OR received_at < $4)
         AND ($5::timestamptz IS NULL OR (received_at, seq) > ($5, $6::bigint))
       ORDER BY received_at, seq LIMIT $7`,
      [workspaceId, sourceId, since ?? null, until ?? null, after?.at ?? null, after?.seq ?? null, pageSize],
    );
    for (const row of res.rows) {
      const whole = (!since || row.received_at >= since) && (!until || row.last_received_at < until);
      for (const line of row.payloads.split("\n")) if (whole || inRange(line)) yield line + "\n";
    }
    if (res.rows.length < pageSize) return;
    const last = res.rows[res.rows.length - 1];
    after = { at: last.received_at, seq: last.seq };
  }
}
