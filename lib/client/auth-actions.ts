import { signIn } from "next-auth/react";

// next-auth reports a failed credentials check as "CredentialsSignin"; any other value is the message the server
// threw on purpose (the rate limit), which is shown as is.
export function signInErrorMessage(error: string | null | undefined): string | null {
  if (!error) return null;
  if (error === "CredentialsSignin") return "Incorrect email or password.";
  if (error === "SessionRequired") return "Sign in to continue.";
  if (/^[A-Z][A-Za-z]+$/.test(error)) return "Sign-in failed. Try again.";
  return error;
}

export async function signInWithPassword(email: string, password: string): Promise<void> {
  const res = await signIn("credentials", { email, password, redirect: false });
  if (!res) throw new Error("Sign-in failed. Try again.");
  if (res.error || !res.ok) throw new Error(signInErrorMessage(res.error) ?? "Sign-in failed. Try again.");
}
