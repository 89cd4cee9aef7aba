import Link from "next/link";
import type { ReactNode } from "react";
import { Logo } from "@/components/ui/icons";

export function AuthLayout({ title, subtitle, children, footer }: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-neutral-50 px-4 py-12">
      <div className="w-full max-w-sm">
        <Link href="/" className="mb-8 flex items-center justify-center gap-2.5">
          <Logo className="size-8" />
          <span className="text-lg font-semibold tracking-tight text-neutral-900">Switchyard</span>
        </Link>
        <div className="rounded-xl border border-neutral-200 bg-white p-7 shadow-sm">
          <h1 className="text-lg font-semibold tracking-tight text-neutral-900">{title}</h1>
          {subtitle && <div className="mt-1 text-sm text-neutral-500">{subtitle}</div>}
          <div className="mt-6">{children}</div>
        </div>
        {footer && <div className="mt-6 text-center text-sm text-neutral-500">{footer}</div>}
      </div>
    </main>
  );
}
