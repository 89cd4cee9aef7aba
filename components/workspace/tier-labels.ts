import type { Tier } from "@/lib/generated/prisma/enums";

export const TIER_LABELS: Record<Tier, string> = { FREE: "Free", TEAM: "Team", BUSINESS: "Business" };
