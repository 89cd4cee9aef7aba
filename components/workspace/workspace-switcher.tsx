"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { CheckIcon, ChevronUpDownIcon, PlusIcon } from "@/components/ui/icons";
import { Menu, menuItemClass } from "@/components/ui/menu";
import { ROLE_LABELS } from "@/lib/permissions/permissions";
import { useMyWorkspaces, useWorkspace } from "@/lib/queries/workspaces";
import { TIER_LABELS } from "./tier-labels";

function Initial({ name }: { name: string }) {
  return (
    <span className="flex size-7 shrink-0 items-center justify-center rounded-md bg-neutral-900 text-xs font-semibold text-white uppercase">
      {name.trim().charAt(0) || "?"}
    </span>
  );
}

export function WorkspaceSwitcher({ workspaceId }: { workspaceId: string }) {
  const current = useWorkspace(workspaceId);
  const list = useMyWorkspaces();
  const name = current.data?.workspace.name ?? "…";

  return (
    <Menu
      label="Switch workspace"
      trigger={
        <span className="flex items-center gap-2.5 rounded-md border border-neutral-200 px-2 py-1.5 hover:bg-neutral-50">
          <Initial name={name} />
          <span className="min-w-0 flex-1">
            <span className="block truncate text-sm font-medium text-neutral-900">{name}</span>
            <span className="block text-xs text-neutral-500">
              {current.data ? `${TIER_LABELS[current.data.workspace.tier]} plan` : "\u00a0"}
            </span>
          </span>
          <ChevronUpDownIcon className="size-4 text-neutral-400" />
        </span>
      }
    >
      {(close) => (
        <>
          <p className="px-3 pt-1.5 pb-1 text-[11px] font-semibold tracking-wider text-neutral-400 uppercase">Workspaces</p>
          {list.isPending && <p className="px-3 py-2 text-sm text-neutral-500">Loading…</p>}
          {list.error && <p className="px-3 py-2 text-sm text-red-600">{list.error.message}</p>}
          {list.data?.map((w) => (
            <Link key={w.id} href={`/w/${w.id}`} role="menuitem" onClick={close} className={menuItemClass}>
              <Initial name={w.name} />
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium">{w.name}</span>
                <span className="block text-xs text-neutral-500">{ROLE_LABELS[w.role]}</span>
              </span>
              {w.id === workspaceId ? <CheckIcon className="size-4 text-neutral-900" /> : <Badge>{TIER_LABELS[w.tier]}</Badge>}
            </Link>
          ))}
          <div className="my-1 border-t border-neutral-100" />
          <Link href="/onboarding" role="menuitem" onClick={close} className={menuItemClass}>
            <span className="flex size-7 items-center justify-center rounded-md border border-dashed border-neutral-300 text-neutral-500">
              <PlusIcon className="size-4" />
            </span>
            Create workspace
          </Link>
        </>
      )}
    </Menu>
  );
}
