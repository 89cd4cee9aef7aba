import { afterAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/pool";
import { seedSource } from "@/tests/helpers/seed-source";
import { getSourceVolume } from "./get-source-volume";

const HOUR = 60 * 60 * 1000;

async function insertEvent(workspaceId: string, sourceId: string, receivedAt: Date) {
  await getPool().query(
    `INSERT INTO eventlog.segments (seq, count, workspace_id, source_id, received_at, last_received_at, payloads)
     VALUES (nextval('eventlog.events_seq'), 1, $1, $2, $4, $4, json_build_object('type', 'track', 'event', 'Volume Test', 'userId', 'u1', 'messageId', $3::text)::text)`,
    [workspaceId, sourceId, `m-${Math.random().toString(36).slice(2)}`, receivedAt],
  );
}

afterAll(async () => {
  await getPool().end();
});

describe("getSourceVolume", () => {
  it("counts one source's events per UTC hour over the last 24 hours", async () => {
    const mine = await seedSource();
    const sibling = await seedSource({ workspaceId: mine.workspaceId });
    const stranger = await seedSource();
    const now = new Date();
    const currentHour = new Date(Math.floor(now.getTime() / HOUR) * HOUR);
    // Two events in the current hour (one exactly on its start), one a minute before it.
    await insertEvent(mine.workspaceId, mine.sourceId, currentHour);
    await insertEvent(mine.workspaceId, mine.sourceId, now);
    await insertEvent(mine.workspaceId, mine.sourceId, new Date(currentHour.getTime() - 60_000));
    // Not this source's: another source of the workspace, and the same source id under another workspace.
    await insertEvent(mine.workspaceId, sibling.sourceId, now);
    await insertEvent(stranger.workspaceId, mine.sourceId, now);

    const v = await getSourceVolume({ workspaceId: mine.workspaceId, sourceId: mine.sourceId, now });
    expect(v.hours).toHaveLength(24);
    expect(v.hours[23]).toEqual({ hour: currentHour.toISOString(), events: 2 });
    expect(v.hours[22]).toEqual({ hour: new Date(currentHour.getTime() - HOUR).toISOString(), events: 1 });
    expect(v.total).toBe(3);
    expect(new Date(v.hours[0].hour).getTime()).toBe(currentHour.getTime() - 23 * HOUR);
  });

  it("leaves out events older than the window", async () => {
    const src = await seedSource();
    const now = new Date();
    await insertEvent(src.workspaceId, src.sourceId, now);
    const later = new Date(now.getTime() + 24 * HOUR);
    const v = await getSourceVolume({ workspaceId: src.workspaceId, sourceId: src.sourceId, now: later });
    expect(v.total).toBe(0);
  });
});
