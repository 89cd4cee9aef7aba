import type { ReactNode } from "react";
import type { Role } from "@/lib/generated/prisma/enums";
import { ROLE_LABELS } from "@/lib/permissions/permissions";
import { cn } from "./cn";

type Tone = "neutral" | "blue" | "green" | "amber" | "red" | "violet" | "teal";

const TONES: Record<Tone, string> = {
  neutral: "bg-neutral-100 text-neutral-700 ring-neutral-200",
  blue: "bg-blue-50 text-blue-700 ring-blue-200",
  green: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
  red: "bg-red-50 text-red-700 ring-red-200",
  violet: "bg-violet-50 text-violet-700 ring-violet-200",
  teal: "bg-teal-50 text-teal-700 ring-teal-200",
};

export function Badge({ tone = "neutral", children, className }: { tone?: Tone; children: ReactNode; className?: string }) {
  return (
    <span
      className={cn("inline-flex items-center rounded-md px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset", TONES[tone], className)}
    >
      {children}
    </span>
  );
}

const ROLE_TONES: Record<Role, Tone> = {
  OWNER: "violet",
  ADMIN: "blue",
  SOURCE_ADMIN: "teal",
  SOURCE_READONLY: "teal",
  TRACKING_PLAN_ADMIN: "amber",
  PRIVACY_ADMIN: "green",
  READONLY: "neutral",
};

export function RoleBadge({ role }: { role: Role }) {
  return <Badge tone={ROLE_TONES[role]}>{ROLE_LABELS[role]}</Badge>;
}
