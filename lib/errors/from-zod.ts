import type { ZodError } from "zod";
import { AppError } from "./app-error";

export function fromZodError(err: ZodError, message = "Invalid input"): AppError {
  const details = err.issues.map((i) => ({ path: i.path.join(".") || "(root)", message: i.message }));
  const first = details[0];
  return new AppError("validation_failed", first ? `${message}: ${first.path} ${first.message}` : message, details);
}
