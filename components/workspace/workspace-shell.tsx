"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { Logo } from "@/components/ui/icons";
import { OverLimitBanner } from "@/components/usage/over-limit-banner";
import { can } from "@/lib/permissions/permissions";
import { useWorkspace } from "@/lib/queries/workspaces";
import { NAV_GROUPS } from "./nav-items";
import { UserMenu } from "./user-menu";
import { WorkspaceSwitcher } from "./workspace-switcher";

export type ShellUser = { email: string; name: string | null };

export function WorkspaceShell({ workspaceId, user, children }: { workspaceId: string; user: ShellUser; children: ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <aside className="sticky top-0 z-20 flex h-screen w-64 shrink-0 flex-col border-r border-neutral-200 bg-white">
        <div className="flex h-14 items-center gap-2 border-b border-neutral-100 px-4">
          <Logo className="size-6" />
          <span className="text-sm font-semibold tracking-tight text-neutral-900">Switchyard</span>
        </div>
        <div className="px-3 pt-3">
          <WorkspaceSwitcher workspaceId={workspaceId} />
        </div>
        <SidebarNav workspaceId={workspaceId} />
        <div className="border-t border-neutral-100 p-3">
          <UserMenu user={user} />
        </div>
      </aside>
      <main className="min-w-0 flex-1">
        <div className="mx-auto max-w-5xl px-8 py-8">
          <OverLimitBanner workspaceId={workspaceId} />
          {children}
        </div>
      </main>
    </div>
  );
}

function SidebarNav({ workspaceId }: { workspaceId: string }) {
  const pathname = usePathname();
  const { data, isPending, error } = useWorkspace(workspaceId);
  const base = `/w/${workspaceId}`;

  if (isPending) {
    return (
      <div className="flex-1 space-y-2 px-3 py-4" aria-hidden="true">
        {Array.from({ length: 7 }, (_, i) => (
          <div key={i} className="h-7 animate-pulse rounded-md bg-neutral-100" />
        ))}
      </div>
    );
  }
  if (error) return <p className="flex-1 px-4 py-4 text-sm text-red-600">Could not load the workspace: {error.message}</p>;

  const grant = data.membership;
  return (
    <nav aria-label="Workspace" className="flex-1 overflow-y-auto px-3 py-3">
      {NAV_GROUPS.map((group, gi) => {
        const items = group.items.filter((item) => can(grant, item.action));
        if (items.length === 0) return null;
        return (
          <div key={gi} className={cn(gi > 0 && "mt-5")}>
            {group.label && <p className="px-2 pb-1.5 text-[11px] font-semibold tracking-wider text-neutral-400 uppercase">{group.label}</p>}
            <ul className="space-y-0.5">
              {items.map((item) => {
                const href = item.segment ? `${base}/${item.segment}` : base;
                const active = item.segment ? pathname === href || pathname.startsWith(`${href}/`) : pathname === base;
                const Icon = item.icon;
                return (
                  <li key={item.label}>
                    <Link
                      href={href}
                      aria-current={active ? "page" : undefined}
                      className={cn(
                        "flex items-center gap-2.5 rounded-md px-2 py-1.5 text-sm transition-colors",
                        active ? "bg-neutral-100 font-medium text-neutral-900" : "text-neutral-600 hover:bg-neutral-50 hover:text-neutral-900",
                      )}
                    >
                      <Icon className={cn("size-4", active ? "text-neutral-900" : "text-neutral-400")} />
                      {item.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
