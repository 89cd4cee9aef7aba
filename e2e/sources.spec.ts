import { expect, test, type Page } from "@playwright/test";
import { disconnectPrisma } from "@/lib/db/prisma";
import { loginContext } from "./support/login";
import { seedMember, seedWorkspace } from "./support/seed";
import { seedSource } from "./support/seed-access";

// Sources in the console, end to end: the collector runs at COLLECTOR_PUBLIC_URL during the suite.
const COLLECTOR = (process.env.COLLECTOR_PUBLIC_URL ?? "http://localhost:8180").replace(/\/+$/, "");

async function track(writeKey: string, event = "E2E Clicked"): Promise<number> {
  const res = await fetch(`${COLLECTOR}/v1/track`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`, "content-type": "application/json" },
    body: JSON.stringify({ userId: "e2e-user", event }),
  });
  return res.status;
}

const keyRow = (page: Page, prefix: string) => page.getByRole("table", { name: "Write keys" }).getByRole("row").filter({ hasText: prefix });

test.afterAll(async () => {
  await disconnectPrisma();
});

test("an Owner creates a JavaScript source, sends an event, rotates and revokes keys, renames and deletes it", async ({ page, context }) => {
  test.setTimeout(120_000);
  const { owner, workspace } = await seedWorkspace("Sources e2e");
  await loginContext(context, owner.email);

  await page.goto(`/w/${workspace.id}/sources`);
  await expect(page.getByText("No sources yet")).toBeVisible();
  await page.getByRole("button", { name: "Add source" }).first().click();
  await page.getByLabel("Source name").fill("Marketing <b>site</b>");
  await page.getByLabel("Source type").selectOption("JAVASCRIPT");
  await page.getByRole("button", { name: "Create source" }).click();

  const firstKeyField = page.getByLabel("Write key", { exact: true });
  await expect(firstKeyField).not.toHaveValue("");
  const key1 = await firstKeyField.inputValue();
  const prefix1 = key1.slice(0, 6);
  // User-provided text renders as text.
  await expect(page.getByRole("table", { name: "Sources" }).getByRole("link", { name: "Marketing <b>site</b>" })).toBeVisible();

  await page.getByRole("link", { name: "Open source" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Marketing <b>site</b>" })).toBeVisible();
  const snippet = page.getByRole("figure", { name: "analytics-next" });
  await expect(snippet).toContainText(`cdnURL: "${COLLECTOR}"`);
  await expect(snippet).toContainText(`writeKey: "${key1}"`);
  await expect(page.getByText("0 events received")).toBeVisible();

  // An event sent to the collector shows in the 24-hour chart.
  expect(await track(key1)).toBe(200);
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("1 event received")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole("figure", { name: "Events per hour, last 24 hours" }).getByRole("listitem", { name: /: 1 event$/ })).toHaveCount(1);

  // Rotate with the default grace period: the new key is shown once, and both keys work.
  await page.getByRole("button", { name: "Rotate keys" }).click();
  await expect(page.getByLabel("Grace period")).toHaveValue("24");
  await page.getByRole("button", { name: "Rotate", exact: true }).click();
  const newKeyField = page.getByLabel("New write key");
  await expect(newKeyField).not.toHaveValue("");
  const key2 = await newKeyField.inputValue();
  expect(key2).not.toBe(key1);
  await expect(keyRow(page, prefix1)).toContainText("Expiring");
  await expect(keyRow(page, key2.slice(0, 6))).toContainText("Active");
  expect(await track(key1)).toBe(200);
  expect(await track(key2)).toBe(200);
  // The snippet moves to the new key.
  await expect(snippet).toContainText(`writeKey: "${key2}"`);

  // Revoke the old key now (with a confirmation): the collector refuses it once its key cache expires.
  await page.getByRole("button", { name: `Revoke key ${prefix1}` }).click();
  await page.getByRole("button", { name: `Confirm revoking key ${prefix1}` }).click();
  await expect(keyRow(page, prefix1)).toContainText("Revoked");
  await expect.poll(() => track(key1), { timeout: 20_000, intervals: [500, 1_000] }).toBe(401);
  expect(await track(key2)).toBe(200);

  // Rename, then delete with a confirmation.
  await page.getByLabel("Source name").fill("Website");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Website" })).toBeVisible();

  await page.getByRole("button", { name: "Delete source" }).click();
  await page.getByRole("button", { name: "Yes, delete source" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${workspace.id}/sources$`));
  await expect(page.getByText("No sources yet")).toBeVisible();
  await expect.poll(() => track(key2), { timeout: 20_000, intervals: [500, 1_000] }).toBe(401);
});

test("a Source Read-only member scoped to another source neither lists nor opens this one", async ({ page, context }) => {
  const { workspace } = await seedWorkspace("Scoped sources e2e");
  const hidden = await seedSource(workspace.id, "Checkout API");
  const theirs = await seedSource(workspace.id, "Their site");
  const member = await seedMember(workspace.id, "SOURCE_READONLY", { sourceIds: [theirs.id] });
  await loginContext(context, member.email);

  await page.goto(`/w/${workspace.id}/sources`);
  const table = page.getByRole("table", { name: "Sources" });
  await expect(table.getByRole("link", { name: "Their site" })).toBeVisible();
  await expect(table.getByText("Checkout API")).toHaveCount(0);
  // A read-only member cannot add sources.
  await expect(page.getByRole("button", { name: "Add source" })).toHaveCount(0);

  const res = await page.goto(`/w/${workspace.id}/sources/${hidden.id}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect((await page.request.get(`/api/workspaces/${workspace.id}/sources/${hidden.id}`)).status()).toBe(404);

  // Its own source opens, without settings or key actions.
  await page.goto(`/w/${workspace.id}/sources/${theirs.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Their site" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Rotate keys" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete source" })).toHaveCount(0);
});
