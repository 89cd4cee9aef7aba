import Link from "next/link";
import { Logo } from "@/components/ui/icons";

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 text-center">
      <Logo className="size-9" />
      <p className="mt-6 text-sm font-semibold text-neutral-500">404</p>
      <h1 className="mt-1 text-xl font-semibold tracking-tight text-neutral-900">Page not found</h1>
      <p className="mt-2 max-w-sm text-sm text-neutral-500">
        This page does not exist, or you do not have access to it.
      </p>
      <Link href="/" className="mt-6 inline-flex h-9 items-center rounded-md bg-neutral-900 px-3.5 text-sm font-medium text-white hover:bg-neutral-800">
        Go to Switchyard
      </Link>
    </main>
  );
}
