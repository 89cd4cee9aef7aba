import { z } from "zod";
import { nameSchema } from "@/lib/validation/common";

export const sourceTypeSchema = z.enum(["JAVASCRIPT", "SERVER", "HTTP"]);
export const sourceNameSchema = nameSchema;
