"use client";

import { signOut } from "next-auth/react";
import { ChevronUpDownIcon, LogOutIcon } from "@/components/ui/icons";
import { Menu, menuItemClass } from "@/components/ui/menu";
import type { ShellUser } from "./workspace-shell";

export function UserMenu({ user }: { user: ShellUser }) {
  const display = user.name || user.email;
  const initials = display
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase())
    .join("");
  return (
    <Menu
      label="Account menu"
      side="top"
      trigger={
        <span className="flex items-center gap-2.5 rounded-md px-1.5 py-1.5 hover:bg-neutral-50">
          <span className="flex size-7 shrink-0 items-center justify-center rounded-full bg-neutral-200 text-xs font-semibold text-neutral-700">
            {initials}
          </span>
          <span className="min-w-0 flex-1">
            {user.name && <span className="block truncate text-sm font-medium text-neutral-900">{user.name}</span>}
            <span className="block truncate text-xs text-neutral-500">{user.email}</span>
          </span>
          <ChevronUpDownIcon className="size-4 text-neutral-400" />
        </span>
      }
    >
      {() => (
        <>
          <div className="border-b border-neutral-100 px-3 py-2">
            <p className="text-xs text-neutral-500">Signed in as</p>
            <p className="truncate text-sm font-medium text-neutral-900">{user.email}</p>
          </div>
          <button type="button" role="menuitem" className={menuItemClass} onClick={() => signOut({ callbackUrl: "/signin" })}>
            <LogOutIcon className="size-4 text-neutral-500" />
            Sign out
          </button>
        </>
      )}
    </Menu>
  );
}
