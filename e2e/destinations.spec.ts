import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Analytics } from "@segment/analytics-node";
import { expect, test } from "@playwright/test";
import { systemActor } from "@/domain/actor";
import { createDestination } from "@/domain/destinations/create-destination";
import { disconnectPrisma } from "@/lib/db/prisma";
import { loginContext } from "./support/login";
import { seedWorkspace } from "./support/seed";
import { seedSource, seedWriteKey } from "./support/seed-access";

// Destinations in the console, end to end: the collector runs at COLLECTOR_PUBLIC_URL and the delivery worker
// beside it (scripts/test.ts allows private destinations, so the worker may call this test's receiver on 127.0.0.1).
const COLLECTOR = (process.env.COLLECTOR_PUBLIC_URL ?? "http://localhost:8180").replace(/\/+$/, "");

type Received = { headers: IncomingHttpHeaders; body: Record<string, unknown> };

// A webhook receiver: 200 for every event except those marked `properties.reject`, which get a 400.
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw);
      } catch {
        // kept empty
      }
      received.push({ headers: req.headers, body });
      const reject = (body.properties as Record<string, unknown> | undefined)?.reject === true;
      res.writeHead(reject ? 400 : 200, { "content-type": "application/json" });
      res.end(reject ? JSON.stringify({ error: "order rejected by receiver" }) : JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/hook`, received };
}

let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;

test.afterAll(async () => {
  await new Promise((r) => (receiver ? receiver.server.close(r) : r(undefined)));
  await disconnectPrisma();
});

test("a marketer adds a webhook destination, adds a filter that only sends 'Order Completed', sends events, sees deliveries and one error with its samples", async ({ page, context }) => {
  test.setTimeout(150_000);
  receiver = await startReceiver();
  const { owner, workspace } = await seedWorkspace("Destinations e2e");
  const source = await seedSource(workspace.id, "Checkout server");
  const { key: writeKey } = await seedWriteKey(workspace.id, source.id);
  await loginContext(context, owner.email);

  // Empty list, then the catalog with search.
  await page.goto(`/w/${workspace.id}/destinations`);
  await expect(page.getByText("No destinations yet")).toBeVisible();
  await page.getByRole("link", { name: "Add destination" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a destination" })).toBeVisible();
  await page.getByLabel("Search the catalog").fill("hook");
  await expect(page.getByRole("list", { name: "Destination types" }).getByRole("listitem")).toHaveCount(1);
  await page.getByRole("link", { name: "Add Webhook" }).click();

  // The settings form is generated from the type's schema.
  await page.getByLabel("Destination name").fill("Orders <b>hook</b>");
  await page.getByLabel("Webhook URL").fill(receiver.url);
  await page.getByRole("button", { name: "Add header" }).click();
  await page.getByLabel("Headers 1 name").fill("Authorization");
  await page.getByLabel("Headers 1 value").fill("Bearer e2e-very-secret-token");
  await page.getByRole("button", { name: "Create destination" }).click();

  // The destination page; user-provided text renders as text; secrets come back masked.
  await expect(page.getByRole("heading", { level: 1, name: "Orders <b>hook</b>" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Replace signing secret" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Replace value of Authorization" })).toBeVisible();
  await expect(page.getByText("e2e-very-secret-token")).toHaveCount(0);

  // Connect the source.
  await page.getByLabel("Source to connect").selectOption(source.id);
  await page.getByRole("button", { name: "Connect source" }).click();
  const connection = page.getByRole("listitem", { name: "Connection from Checkout server" });
  await expect(connection).toBeVisible();

  // A condition that does not parse: the server's error, with its position, shows under the field.
  await connection.getByRole("button", { name: "Add filter to Checkout server" }).click();
  const editor = page.getByRole("form", { name: "New filter" });
  await editor.getByLabel("Filter name").fill("Only orders");
  await editor.getByLabel("Condition (FQL)").fill('event = = "Order Completed"');
  await editor.getByLabel("Action 1").selectOption("ONLY_SEND");
  await editor.getByRole("button", { name: "Save filter" }).click();
  await expect(editor.getByRole("alert")).toContainText("position");
  await expect(editor.getByLabel("Condition (FQL)")).toHaveAttribute("aria-invalid", "true");

  // Fixed, it saves.
  await editor.getByLabel("Condition (FQL)").fill('event = "Order Completed"');
  await editor.getByRole("button", { name: "Save filter" }).click();
  const filterRow = connection.getByRole("listitem", { name: "Filter Only orders" });
  await expect(filterRow).toContainText('event = "Order Completed"');
  await expect(filterRow).toContainText("Only send matching events");

  // The preview shows the exact request, with the secret header redacted.
  await page.getByRole("button", { name: "Preview delivery" }).click();
  const result = page.getByRole("region", { name: "Preview result" });
  await expect(result).toContainText("Passes");
  await expect(result).toContainText(receiver.url);
  await expect(result).toContainText("[redacted]");
  await expect(result).not.toContainText("e2e-very-secret-token");

  // The worker reloads its configuration every 2 s: let it see the filter before events arrive.
  await page.waitForTimeout(3_000);

  const analytics = new Analytics({ writeKey, host: COLLECTOR, flushAt: 10, flushInterval: 200, maxRetries: 1 });
  analytics.track({ userId: "buyer-1", event: "Product Viewed", properties: { sku: "A-1" } });
  analytics.track({ userId: "buyer-1", event: "Order Completed", properties: { order_id: "o-1", total: 30 } });
  analytics.page({ userId: "buyer-1", name: "Checkout" });
  analytics.track({ userId: "buyer-2", event: "Order Completed", properties: { order_id: "o-2", total: 10, reject: true } });
  analytics.identify({ userId: "buyer-2", traits: { plan: "pro" } });
  await analytics.closeAndFlush({ timeout: 10_000 });

  // Only Order Completed reached the receiver (the rejected one too: it was sent and answered 400).
  await expect.poll(() => receiver!.received.length, { timeout: 30_000 }).toBe(2);
  await page.waitForTimeout(2_000);
  expect(receiver.received.map((r) => r.body.event)).toEqual(["Order Completed", "Order Completed"]);
  expect(receiver.received[0].headers.authorization).toBe("Bearer e2e-very-secret-token");
  expect(String(receiver.received[0].headers["x-switchyard-signature"])).toMatch(/^sha256=[0-9a-f]{64}$/);

  // The delivery view: one delivered, one failed with its samples.
  await page.getByRole("link", { name: "Event delivery" }).click();
  await expect(page).toHaveURL(/\/delivery$/);
  const statValue = (name: string) => page.getByRole("group", { name }).getByTestId("stat-value");
  await expect(async () => {
    await page.reload();
    await expect(statValue("Delivered")).toHaveText("1", { timeout: 2_000 });
    await expect(statValue("Failed")).toHaveText("1", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole("group", { name: "Delivered" })).toContainText("Filtered out: 3");
  const chart = page.getByRole("figure", { name: "Deliveries over time" });
  await expect(chart.getByRole("listitem", { name: /1 delivered/ })).toHaveCount(1);

  const error = page.getByRole("list", { name: "Recent errors" }).getByRole("listitem", { name: "Error: Order Completed" });
  await expect(error).toContainText("HTTP 400");
  await error.getByRole("button", { expanded: false }).click();
  await expect(error.getByLabel("Event", { exact: true })).toContainText('"o-2"');
  const request = error.getByRole("region", { name: "Request" });
  await expect(request).toContainText(receiver.url);
  await expect(request).toContainText("[redacted]");
  await expect(request).not.toContainText("e2e-very-secret-token");
  await expect(error.getByLabel("Response body")).toContainText("order rejected by receiver");

  // Nothing was dead-lettered.
  await expect(page.getByText("No dead letters")).toBeVisible();

  // The list shows the destination with its source.
  await page.goto(`/w/${workspace.id}/destinations`);
  const row = page.getByRole("table", { name: "Destinations" }).getByRole("row").filter({ hasText: "Orders <b>hook</b>" });
  await expect(row).toContainText("Checkout server");
  await expect(row).toContainText("Enabled");
});

test("the Free tier's third destination is refused in place, with a link to Billing", async ({ page, context }) => {
  const { owner, workspace } = await seedWorkspace("Destinations limit e2e");
  for (const name of ["One", "Two"]) {
    await createDestination({ workspaceId: workspace.id, type: "webhook", name, settings: { url: "https://example.com/hook" }, actor: systemActor });
  }
  await loginContext(context, owner.email);
  await page.goto(`/w/${workspace.id}/destinations/new?type=webhook`);
  await expect(page.getByText("2 of 2 destinations used on the Free tier.")).toBeVisible();
  await page.getByLabel("Webhook URL").fill("https://example.com/third");
  await page.getByRole("button", { name: "Create destination" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "Destination limit reached" });
  await expect(refusal).toContainText("Free tier allows 2 destinations");
  await expect(refusal.getByRole("link", { name: "Go to Billing" })).toHaveAttribute("href", `/w/${workspace.id}/billing`);
});
