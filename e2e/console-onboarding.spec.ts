import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, seedUser, uniqueEmail } from "./support/seed";

// The console's first-run journey, through the real forms: sign up, create a workspace, invite a teammate who signs
// up from the link in a second browser, change their role, read the audit log, sign out and back in.

async function signUp(page: Page, { name, email }: { name: string; email?: string }) {
  await page.getByLabel("Name").fill(name);
  if (email) await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
}

test("an owner signs up, creates a workspace, invites a member who joins, changes their role and sees it audited", async ({ page, browser }) => {
  const ownerEmail = uniqueEmail("owner");
  const memberEmail = uniqueEmail("member");
  const workspaceName = `Acme ${Date.now().toString(36)}`;

  // Sign up and land on onboarding (a new user has no workspace).
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
  await page.getByRole("link", { name: "Create an account" }).click();
  await signUp(page, { name: "Olive Owner", email: ownerEmail });
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/onboarding$/);

  // Create the workspace: its creator is the Owner.
  await page.getByLabel("Workspace name").fill(workspaceName);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/ws_[^/]+$/);
  const workspaceUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { name: workspaceName })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Workspace" });
  for (const item of ["Overview", "Sources", "Members", "Audit log", "API tokens", "Billing", "Settings"]) {
    await expect(nav.getByRole("link", { name: item })).toBeVisible();
  }

  // Invite a Read-only member; the link is shown once.
  await nav.getByRole("link", { name: "Members" }).click();
  await expect(page).toHaveURL(`${workspaceUrl}/members`);
  await page.getByLabel("Email address").fill(memberEmail);
  await page.getByLabel("Role", { exact: true }).selectOption("READONLY");
  await page.getByRole("button", { name: "Send invitation" }).click();
  const linkField = page.getByRole("textbox", { name: `Invitation link for ${memberEmail}` });
  await expect(linkField).toHaveValue(/\/invite\/[A-Za-z0-9]+$/);
  const inviteLink = await linkField.inputValue();
  const pending = page.getByRole("table", { name: "Pending invitations" });
  await expect(pending.getByRole("row", { name: new RegExp(memberEmail) })).toContainText("Read-only");

  // The member opens the link in another browser, signs up from it (email locked) and joins.
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await memberPage.goto(inviteLink);
  await expect(memberPage.getByRole("heading", { name: `Join ${workspaceName}` })).toBeVisible();
  await memberPage.getByRole("link", { name: "Sign up to accept" }).click();
  await expect(memberPage).toHaveURL(/\/signup\?invite=/);
  const lockedEmail = memberPage.getByLabel("Email", { exact: true });
  await expect(lockedEmail).toHaveValue(memberEmail);
  await expect(lockedEmail).toHaveAttribute("readonly", "");
  await signUp(memberPage, { name: "Max Member" });
  await memberPage.getByRole("button", { name: "Create account and join" }).click();
  await expect(memberPage).toHaveURL(workspaceUrl);
  await expect(memberPage.getByRole("heading", { name: workspaceName })).toBeVisible();
  const memberNav = memberPage.getByRole("navigation", { name: "Workspace" });
  await expect(memberNav.getByRole("link", { name: "Members" })).toBeVisible();
  await expect(memberNav.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await expect(memberNav.getByRole("link", { name: "Audit log" })).toHaveCount(0);

  // Back with the Owner: the member is listed and the invitation is gone.
  await page.reload();
  const members = page.getByRole("table", { name: "Members" });
  await expect(members.getByRole("row", { name: new RegExp(memberEmail) })).toBeVisible();
  await expect(page.getByText("No pending invitations")).toBeVisible();

  // The only Owner cannot demote themselves: the error shows in place.
  await page.getByLabel(`Role for ${ownerEmail}`).selectOption("ADMIN");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("A workspace needs at least one Owner");
  await expect(page.getByLabel(`Role for ${ownerEmail}`)).toHaveValue("OWNER");

  // Promote the member to Admin, in place; it sticks after a reload.
  await page.getByLabel(`Role for ${memberEmail}`).selectOption("ADMIN");
  await expect(page.getByLabel(`Role for ${memberEmail}`)).toHaveValue("ADMIN");
  await page.reload();
  await expect(page.getByLabel(`Role for ${memberEmail}`)).toHaveValue("ADMIN");

  // The member's sidebar now offers what an Admin may do.
  await memberPage.reload();
  await expect(memberNav.getByRole("link", { name: "Settings" })).toBeVisible();
  await memberContext.close();

  // The audit log shows the invitation, the join and the role change, newest first, with a before/after diff.
  await nav.getByRole("link", { name: "Audit log" }).click();
  const entries = page.getByRole("list", { name: "Audit log entries" }).getByRole("listitem");
  await expect(entries.first()).toContainText("Changed a member's role");
  const texts = await entries.allInnerTexts();
  const indexOf = (needle: string) => texts.findIndex((t) => t.includes(needle));
  expect(indexOf("Changed a member's role")).toBeLessThan(indexOf("Joined the workspace"));
  expect(indexOf("Joined the workspace")).toBeLessThan(indexOf("Invited a member"));
  expect(indexOf("Invited a member")).toBeLessThan(indexOf("Created the workspace"));
  expect(texts[indexOf("Joined the workspace")]).toContain(memberEmail);
  expect(texts[indexOf("Invited a member")]).toContain(ownerEmail);
  const roleChange = entries.filter({ hasText: "Changed a member's role" });
  await roleChange.getByText("Changes").click();
  const roleRow = roleChange.getByRole("row", { name: /^role/ });
  await expect(roleRow).toContainText("READONLY");
  await expect(roleRow).toContainText("ADMIN");

  // Sign out from the user menu, then sign in again and land in the workspace.
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto(workspaceUrl);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel("Email", { exact: true }).fill(ownerEmail);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(workspaceUrl);
  await expect(page.getByRole("heading", { name: workspaceName })).toBeVisible();
});

test("a wrong password is reported on the sign-in form, and the right one signs in", async ({ page }) => {
  const user = await seedUser("signin");
  await page.goto("/signin");
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Incorrect email or password.");
  await expect(page).toHaveURL(/\/signin/);

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // A user without a workspace is sent to create one.
  await expect(page).toHaveURL(/\/onboarding$/);
});

test("an invitation opened while signed in as someone else says so", async ({ page, browser }) => {
  const ownerEmail = uniqueEmail("owner");
  const invitedEmail = uniqueEmail("invited");
  const other = await seedUser("other");

  // An Owner (set up through the forms) invites someone.
  await page.goto("/signup");
  await signUp(page, { name: "Owner", email: ownerEmail });
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByLabel("Workspace name").fill("Wrong account test");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/ws_[^/]+$/);
  await page.goto(`${new URL(page.url()).pathname}/members`);
  await page.getByLabel("Email address").fill(invitedEmail);
  await page.getByLabel("Role", { exact: true }).selectOption("SOURCE_ADMIN");
  await page.getByRole("button", { name: "Send invitation" }).click();
  const inviteLink = await page.getByRole("textbox", { name: `Invitation link for ${invitedEmail}` }).inputValue();

  // Someone signed in with a different account opens it.
  const ctx = await browser.newContext();
  const otherPage = await ctx.newPage();
  await otherPage.goto("/signin");
  await otherPage.getByLabel("Email", { exact: true }).fill(other.email);
  await otherPage.getByLabel("Password").fill(PASSWORD);
  await otherPage.getByRole("button", { name: "Sign in" }).click();
  await expect(otherPage).toHaveURL(/\/onboarding$/);
  await otherPage.goto(inviteLink);
  await expect(otherPage.getByText("This invitation is for a different account")).toBeVisible();
  await expect(otherPage.getByText(`You are signed in as ${other.email}`)).toBeVisible();
  await expect(otherPage.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);
  await ctx.close();
});
