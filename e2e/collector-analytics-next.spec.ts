import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { getPool } from "@/lib/db/pool";
import { seedSource } from "@/tests/helpers/seed-source";

// The unmodified browser SDK (analytics-next's UMD build, straight from node_modules) loads its settings from the
// collector and sends a page and a track; both must land in the event log with the browser's context.

const COLLECTOR = process.env.COLLECTOR_PUBLIC_URL ?? "http://localhost:8180";
const UMD_DIR = path.resolve(import.meta.dirname, "../node_modules/@segment/analytics-next/dist/umd");

let server: http.Server;
let siteUrl: string;

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://site");
    if (url.pathname === "/") {
      res.writeHead(200, { "Content-Type": "text/html" });
      res.end(`<!doctype html><html><head><title>Shop</title><script src="/umd/index.js"></script></head><body>
<script>
  const params = new URLSearchParams(location.search);
  const analytics = AnalyticsNext.AnalyticsBrowser.load({ writeKey: params.get("key"), cdnURL: params.get("cdn") });
  window.sent = Promise.all([
    analytics.page("Home", { section: "e2e" }),
    analytics.track("Button Clicked", { color: "red" }),
  ]).then((ctxs) => ctxs.map((c) => c.event.messageId));
</script></body></html>`);
      return;
    }
    if (url.pathname === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    const file = path.join(UMD_DIR, path.basename(url.pathname));
    if (url.pathname.startsWith("/umd/") && fs.existsSync(file)) {
      res.writeHead(200, { "Content-Type": "application/javascript" });
      fs.createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  siteUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await getPool().end();
});

type Row = { type: string; event: string | null; message_id: string; anonymous_id: string | null; payload: Record<string, unknown> & { context: Record<string, unknown> } };

test("analytics-next loads settings from the collector and its page and track land in the log", async ({ page }) => {
  const { sourceId, writeKey } = await seedSource({ type: "JAVASCRIPT", name: "Browser" });
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
  await page.goto(`${siteUrl}/?key=${writeKey}&cdn=${encodeURIComponent(COLLECTOR)}`);
  const messageIds = await page.evaluate(() => (window as unknown as { sent: Promise<string[]> }).sent);
  expect(pageErrors).toEqual([]);
  expect(messageIds).toHaveLength(2);

  let rows: Row[] = [];
  await expect
    .poll(async () => {
      rows = (await getPool().query<Row>(`SELECT type, event, message_id, anonymous_id, payload FROM eventlog.events WHERE source_id = $1`, [sourceId])).rows;
      return rows.length;
    })
    .toBe(2);

  const byType = Object.fromEntries(rows.map((r) => [r.type, r]));
  expect(Object.keys(byType).sort()).toEqual(["page", "track"]);
  expect(rows.map((r) => r.message_id).sort()).toEqual([...messageIds].sort());
  const userAgent = await page.evaluate(() => navigator.userAgent);
  for (const row of rows) {
    expect(row.anonymous_id).toBeTruthy();
    expect(row.payload.messageId).toBe(row.message_id);
    expect(typeof row.payload.sentAt).toBe("string");
    expect(typeof row.payload.receivedAt).toBe("string");
    expect(row.payload.context.userAgent).toBe(userAgent);
    expect(row.payload.context.page).toMatchObject({ url: expect.stringContaining(siteUrl), title: "Shop" });
    expect(row.payload.context.library).toMatchObject({ name: "analytics.js" });
    expect(row.payload).not.toHaveProperty("writeKey");
  }
  expect(byType.track.event).toBe("Button Clicked");
  expect(byType.track.payload.properties).toEqual({ color: "red" });
  expect(byType.page.payload.name).toBe("Home");
});
