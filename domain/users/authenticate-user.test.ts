import { describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/prisma";
import { getEnv } from "@/lib/env";
import { createId } from "@/lib/ids/create-id";
import { uniqueEmail } from "@/e2e/support/seed";
import { authenticateUser } from "./authenticate-user";
import { createUser } from "./create-user";

const PASSWORD = "a long enough password";

describe("sign-up", () => {
  it("stores an argon2id hash of the password, never the password", async () => {
    const email = uniqueEmail("signup");
    const user = await createUser({ email, password: PASSWORD, name: "Sign Up" });
    expect(user).not.toHaveProperty("passwordHash");
    const row = await getPrisma().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
  });

  it("normalises the email and refuses a second account with the same address", async () => {
    const email = uniqueEmail("dup");
    const user = await createUser({ email: `  ${email.toUpperCase()} `, password: PASSWORD });
    expect(user.email).toBe(email);
    await expect(createUser({ email, password: PASSWORD })).rejects.toMatchObject({ code: "conflict" });
  });

  it("refuses short passwords and invalid emails with validation_failed", async () => {
    await expect(createUser({ email: uniqueEmail("short"), password: "short" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(createUser({ email: "not-an-email", password: PASSWORD })).rejects.toMatchObject({ code: "validation_failed" });
  });
});

describe("sign-in", () => {
  it("returns the user for the right password, whatever the email's case", async () => {
    const email = uniqueEmail("signin");
    const user = await createUser({ email, password: PASSWORD });
    await expect(authenticateUser({ email: email.toUpperCase(), password: PASSWORD })).resolves.toEqual({
      id: user.id, email, name: null,
    });
  });

  it("returns null for a wrong password and for an unknown email", async () => {
    const email = uniqueEmail("wrong");
    await createUser({ email, password: PASSWORD });
    await expect(authenticateUser({ email, password: PASSWORD + "x" })).resolves.toBeNull();
    await expect(authenticateUser({ email: uniqueEmail("nobody"), password: PASSWORD })).resolves.toBeNull();
  });

  it("after LOGIN_MAX_FAILURES failures for an email, refuses even the right password with rate_limited", async () => {
    const email = uniqueEmail("limited");
    const other = uniqueEmail("unaffected");
    await createUser({ email, password: PASSWORD });
    await createUser({ email: other, password: PASSWORD });
    const max = getEnv().LOGIN_MAX_FAILURES;
    for (let i = 0; i < max - 1; i++) {
      await expect(authenticateUser({ email, password: `wrong ${i}` })).resolves.toBeNull();
    }
    // One failure short of the limit, the right password still works.
    await expect(authenticateUser({ email, password: PASSWORD })).resolves.toMatchObject({ email });
    await expect(authenticateUser({ email, password: "wrong again" })).resolves.toBeNull();
    await expect(authenticateUser({ email, password: PASSWORD })).rejects.toMatchObject({ code: "rate_limited" });
    await expect(authenticateUser({ email: email.toUpperCase(), password: PASSWORD })).rejects.toMatchObject({ code: "rate_limited" });
    // The limit is per email: another account is not affected.
    await expect(authenticateUser({ email: other, password: PASSWORD })).resolves.toMatchObject({ email: other });
  });

  it("limits a client address that fails on many accounts", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}-${process.pid}-${Date.now()}`;
    const email = uniqueEmail("by-ip");
    await createUser({ email, password: PASSWORD });
    const { LOGIN_MAX_FAILURES: max } = getEnv();
    await getPrisma().loginAttempt.createMany({
      data: Array.from({ length: max * 5 }, () => ({ id: createId({ kind: "loginAttempt" }), key: `ip:${ip}`, succeeded: false })),
    });
    await expect(authenticateUser({ email, password: PASSWORD, ip })).rejects.toMatchObject({ code: "rate_limited" });
    await expect(authenticateUser({ email, password: PASSWORD, ip: `${ip}-other` })).resolves.toMatchObject({ email });
  });
});
