import type { Tier } from "@/lib/generated/prisma/enums";

// MTU and destination limits per tier. null: no limit (Business without a custom figure).
export const TIER_LIMITS: Record<Tier, { mtu: number | null; destinations: number | null; label: string }> = {
  FREE: { mtu: 1_000, destinations: 2, label: "Free" },
  TEAM: { mtu: 10_000, destinations: null, label: "Team" },
  BUSINESS: { mtu: null, destinations: null, label: "Business" },
};

export function limitsFor(w: { tier: Tier; customMtuLimit: number | null; customDestinationLimit: number | null }) {
  const base = TIER_LIMITS[w.tier];
  if (w.tier !== "BUSINESS") return { mtu: base.mtu, destinations: base.destinations };
  return { mtu: w.customMtuLimit, destinations: w.customDestinationLimit };
}
