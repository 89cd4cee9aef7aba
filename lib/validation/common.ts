import { z } from "zod";

// Trimmed and lowercased before it is checked, so " Ann@Example.com " signs up as the address sign-in looks up.
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("must be a valid email address").max(254));
export const passwordSchema = z.string().min(10, "must be at least 10 characters").max(200);
export const nameSchema = z.string().trim().min(1, "is required").max(100);
export const roleSchema = z.enum(["OWNER", "ADMIN", "SOURCE_ADMIN", "SOURCE_READONLY", "TRACKING_PLAN_ADMIN", "PRIVACY_ADMIN", "READONLY"]);
export const tierSchema = z.enum(["FREE", "TEAM", "BUSINESS"]);
