import type { ComponentType, SVGProps } from "react";
import {
  CardIcon, DestinationIcon, HomeIcon, KeyIcon, ListIcon, PlanIcon, SettingsIcon, ShieldIcon, SourceIcon, UsersIcon,
} from "@/components/ui/icons";
import type { Action } from "@/lib/permissions/permissions";

export type NavItem = { label: string; segment: string; action: Action; icon: ComponentType<SVGProps<SVGSVGElement>> };

// The sidebar, in order, with the permission each page needs. `segment` is the path under /w/<id>.
export const NAV_GROUPS: { label?: string; items: NavItem[] }[] = [
  {
    items: [{ label: "Overview", segment: "", action: "workspace.read", icon: HomeIcon }],
  },
  {
    label: "Connections",
    items: [
      { label: "Sources", segment: "sources", action: "sources.read", icon: SourceIcon },
      { label: "Destinations", segment: "destinations", action: "destinations.read", icon: DestinationIcon },
      { label: "Debugger", segment: "debugger", action: "debugger.read", icon: ListIcon },
    ],
  },
  {
    label: "Governance",
    items: [
      { label: "Tracking plans", segment: "tracking-plans", action: "trackingplans.read", icon: PlanIcon },
      { label: "Privacy", segment: "privacy", action: "privacy.read", icon: ShieldIcon },
    ],
  },
  {
    label: "Workspace",
    items: [
      { label: "Members", segment: "members", action: "members.read", icon: UsersIcon },
      { label: "Audit log", segment: "audit-log", action: "audit.read", icon: ListIcon },
      { label: "API tokens", segment: "api-tokens", action: "tokens.read", icon: KeyIcon },
      { label: "Billing", segment: "billing", action: "billing.read", icon: CardIcon },
      { label: "Settings", segment: "settings", action: "workspace.update", icon: SettingsIcon },
    ],
  },
];
