import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { Analytics } from "@segment/analytics-node";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { systemActor } from "@/domain/actor";
import { createSource } from "@/domain/sources/create-source";
import { disconnectPrisma } from "@/lib/db/prisma";
import { loginContext, loginViaApi } from "./support/login";
import { seedMember, seedWorkspace } from "./support/seed";
import { collectorNodeFlags } from "@/collector/node-flags";

// The live debugger, end to end: the console mints a stream token, the browser streams from the collector at
// COLLECTOR_PUBLIC_URL, and a second collector process started here shares the event log.
const COLLECTOR = (process.env.COLLECTOR_PUBLIC_URL ?? "http://localhost:8180").replace(/\/+$/, "");
const CONSOLE = new URL(process.env.CONSOLE_URL ?? "http://localhost:3100").origin;
const require = createRequire(import.meta.url);

async function serverSource(workspaceId: string, name: string) {
  const { source, writeKey } = await createSource({ workspaceId, name, type: "SERVER", actor: systemActor });
  return { id: source.id, key: writeKey.key };
}

async function send(collector: string, writeKey: string, pathname: string, body: unknown) {
  const res = await fetch(`${collector}${pathname}`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function mint(request: APIRequestContext, workspaceId: string, sourceId?: string) {
  const url = sourceId ? `/api/workspaces/${workspaceId}/debugger/sources/${sourceId}/token` : `/api/workspaces/${workspaceId}/debugger/token`;
  // A cookie-authenticated POST must come from the console's own origin (CSRF check).
  return request.post(url, { data: {}, headers: { origin: CONSOLE } });
}

// Reads an SSE stream until `want` events arrived (or the time runs out); returns the events' data.
async function collectEvents(url: string, want: number, timeoutMs: number, onReady?: () => Promise<void>) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: { event: string | null; outcome: string; reason: string | null }[] = [];
  try {
    const res = await fetch(url, { signal: controller.signal });
    if (res.status !== 200) return { status: res.status, events };
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buf = "";
    while (events.length < want) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buf.indexOf("\n\n")) >= 0) {
        const block = buf.slice(0, cut);
        buf = buf.slice(cut + 2);
        if (/^event: ready$/m.test(block)) await onReady?.();
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (data && !/^event: /m.test(block)) events.push(JSON.parse(data));
      }
    }
    return { status: res.status, events };
  } catch (err) {
    if ((err as Error).name === "AbortError") return { status: 200, events };
    throw err;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

let second: ChildProcess | undefined;
let secondUrl = "";

test.beforeAll(async () => {
  // A second collector process on its own port, same database and secrets as the suite's.
  const port = Number(new URL(COLLECTOR).port || 80) + 17;
  secondUrl = `http://127.0.0.1:${port}`;
  second = spawn(process.execPath, [require.resolve("tsx/cli"), ...collectorNodeFlags(), path.resolve("collector/main.ts")], {
    env: { ...process.env, COLLECTOR_PORT: String(port), COLLECTOR_HOST: "127.0.0.1", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${secondUrl}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 120) throw new Error("second collector did not start");
    await new Promise((r) => setTimeout(r, 250));
  }
});

test.afterAll(async () => {
  second?.kill("SIGTERM");
  await disconnectPrisma();
});

test("a source's debugger shows events as they arrive, refusals with their reason, pauses, and renders payloads as text", async ({ page, context }) => {
  test.setTimeout(90_000);
  const { owner, workspace } = await seedWorkspace("Debugger e2e");
  const src = await serverSource(workspace.id, "Checkout API");
  await loginContext(context, owner.email);
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });

  await page.goto(`/w/${workspace.id}/sources/${src.id}/debugger`);
  await expect(page.getByRole("heading", { name: "Debugger: Checkout API" })).toBeVisible();
  await expect(page.getByText("Waiting for the first event")).toBeVisible();
  await expect(page.getByText(`${COLLECTOR}/v1/track`).first()).toBeVisible();
  await expect(page.getByRole("status", { name: "Stream live" })).toBeVisible();

  // A track through analytics-node, and a batch with a malformed item.
  const analytics = new Analytics({ writeKey: src.key, host: COLLECTOR, flushAt: 1, maxRetries: 0 });
  const sentAt = Date.now();
  analytics.track({ userId: "buyer-1", event: "Order Completed", properties: { total: 42 } });
  await analytics.closeAndFlush({ timeout: 5_000 });
  const batch = await send(COLLECTOR, src.key, "/v1/batch", { batch: [{ type: "track", userId: "buyer-1" }] });
  expect(batch.body.rejected).toEqual([expect.objectContaining({ reason: "missing_event" })]);

  const rows = page.getByTestId("debugger-event");
  const accepted = rows.filter({ hasText: "Order Completed" });
  const rejected = page.locator('[data-testid="debugger-event"][data-outcome="rejected"]');
  await expect(accepted).toBeVisible({ timeout: 2_000 });
  await expect(rejected).toBeVisible({ timeout: 2_000 });
  expect(Date.now() - sentAt).toBeLessThan(4_000);
  await expect(accepted.getByText("Accepted")).toBeVisible();
  await expect(rejected.getByText("Rejected: missing_event")).toBeVisible();
  await rejected.click();
  await expect(page.getByRole("region", { name: "Event detail" }).getByText("Refused: a track needs an event name")).toBeVisible();

  // Pause: events are counted, not shown; resume shows them.
  await page.getByRole("button", { name: "Pause" }).click();
  for (let i = 0; i < 3; i++) await send(COLLECTOR, src.key, "/v1/track", { userId: "buyer-2", event: `While paused ${i}` });
  await expect(page.getByRole("button", { name: "Resume (3 new)" })).toBeVisible({ timeout: 5_000 });
  await expect(rows.filter({ hasText: "While paused" })).toHaveCount(0);
  await page.getByRole("button", { name: /Resume/ }).click();
  await expect(rows.filter({ hasText: "While paused" })).toHaveCount(3);
  // Newest first.
  await expect(rows.first()).toContainText("While paused 2");

  // Markup in names and properties is shown as text.
  const xss = `<img src=x onerror="alert(1)"><script>alert(2)</script>`;
  await send(COLLECTOR, src.key, "/v1/track", { userId: "<b>mallory</b>", event: `XSS ${xss}`, properties: { html: xss } });
  const xssRow = rows.filter({ hasText: "XSS <img" });
  await expect(xssRow).toBeVisible();
  await expect(xssRow).toContainText(`XSS ${xss}`);
  await xssRow.click();
  await expect(page.getByTestId("event-json")).toContainText(`<script>alert(2)</script>`);
  await expect(page.locator("img[src=x]")).toHaveCount(0);
  await expect(page.locator("b", { hasText: "mallory" })).toHaveCount(0);

  // Filters and search.
  await page.getByLabel("Outcome").selectOption("rejected");
  await expect(rows).toHaveCount(1);
  await page.getByLabel("Outcome").selectOption("");
  await page.getByLabel("Search payloads").fill("buyer-2");
  await expect(rows).toHaveCount(3);
  await page.getByLabel("Search payloads").fill("");
  await page.getByLabel("Event name").fill("order completed");
  await expect(rows).toHaveCount(1);

  // Copy as curl replays the event.
  await page.getByLabel("Event name").fill("");
  await accepted.click();
  await expect(page.getByRole("button", { name: "Copy as curl" })).toBeVisible();

  // An event received by the other collector process reaches the browser's stream too.
  expect((await send(secondUrl, src.key, "/v1/track", { userId: "buyer-3", event: "Via second collector" })).status).toBe(200);
  await expect(rows.filter({ hasText: "Via second collector" })).toBeVisible({ timeout: 2_000 });

  expect(dialogs).toBe(0);
  expect(errors.filter((e) => /Content Security Policy|EventSource/i.test(e))).toEqual([]);
});

test("a stream opened on either collector process carries events sent to the other", async ({ request }) => {
  const { owner, workspace } = await seedWorkspace("Debugger two collectors");
  const src = await serverSource(workspace.id, "Two collectors");
  await loginViaApi(request, owner.email);
  const token = (await (await mint(request, workspace.id, src.id)).json()) as { token: string; streamUrl: string };
  expect(token.streamUrl.startsWith(`${COLLECTOR}/v1/debugger/stream?`)).toBe(true);

  for (const [streamOn, sendTo] of [[secondUrl, COLLECTOR], [COLLECTOR, secondUrl]]) {
    const url = `${streamOn}/v1/debugger/stream?token=${encodeURIComponent(token.token)}&sourceId=${src.id}`;
    const label = `Sent to ${sendTo === COLLECTOR ? "first" : "second"}`;
    const got = await collectEvents(url, 1, 5_000, async () => {
      expect((await send(sendTo, src.key, "/v1/track", { userId: "u", event: label })).status).toBe(200);
    });
    expect(got.status).toBe(200);
    expect(got.events.map((e) => e.event)).toEqual([label]);
  }
});

test("members of another workspace, and Source Read-only members outside the source's scope, cannot open the stream", async ({ browser }) => {
  const { workspace } = await seedWorkspace("Debugger access");
  const inScope = await serverSource(workspace.id, "In scope");
  const outOfScope = await serverSource(workspace.id, "Out of scope");
  const scoped = await seedMember(workspace.id, "SOURCE_READONLY", { sourceIds: [inScope.id] });
  const readonly = await seedMember(workspace.id, "READONLY");
  const stranger = await seedWorkspace("Someone else's");

  const as = async (email: string) => {
    const ctx = await browser.newContext();
    await loginViaApi(ctx.request, email);
    return ctx;
  };

  // Source Read-only: its own source yes; another source of the workspace is a 404; the workspace stream only
  // carries its sources, and the token cannot be stretched to another source at the collector.
  const s = await as(scoped.email);
  expect((await mint(s.request, workspace.id, inScope.id)).status()).toBe(200);
  expect((await mint(s.request, workspace.id, outOfScope.id)).status()).toBe(404);
  const wide = (await (await mint(s.request, workspace.id)).json()) as { token: string };
  const stretched = await fetch(`${COLLECTOR}/v1/debugger/stream?token=${encodeURIComponent(wide.token)}&sourceId=${outOfScope.id}`);
  expect(stretched.status).toBe(403);
  await stretched.body?.cancel();
  const scopedWide = await collectEvents(`${COLLECTOR}/v1/debugger/stream?token=${encodeURIComponent(wide.token)}`, 1, 5_000, async () => {
    await send(COLLECTOR, outOfScope.key, "/v1/track", { userId: "u", event: "Not for you" });
    await send(COLLECTOR, inScope.key, "/v1/track", { userId: "u", event: "For you" });
  });
  expect(scopedWide.events.map((e) => e.event)).toEqual(["For you"]);
  await s.close();

  // Read-only (no debugger.read): 403. Another workspace's Owner: 404 for the workspace and its sources.
  const r = await as(readonly.email);
  expect((await mint(r.request, workspace.id, inScope.id)).status()).toBe(403);
  await r.close();
  const o = await as(stranger.owner.email);
  expect((await mint(o.request, workspace.id)).status()).toBe(404);
  expect((await mint(o.request, workspace.id, inScope.id)).status()).toBe(404);
  // Its own workspace's token does not open this workspace's source.
  const own = (await (await mint(o.request, stranger.workspace.id)).json()) as { token: string };
  const cross = await fetch(`${COLLECTOR}/v1/debugger/stream?token=${encodeURIComponent(own.token)}&sourceId=${inScope.id}`);
  expect(cross.status).toBe(403);
  await cross.body?.cancel();
  await o.close();

  // No token, or a forged one: 401.
  expect((await fetch(`${COLLECTOR}/v1/debugger/stream`)).status).toBe(401);
  expect((await fetch(`${COLLECTOR}/v1/debugger/stream?token=v1.e30.AAAA`)).status).toBe(401);
});
