"use client";

import { useState } from "react";
import { Button } from "./button";
import { CheckIcon, CopyIcon } from "./icons";

export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Clipboard refused (insecure origin): fall back to a hidden textarea.
      const el = document.createElement("textarea");
      el.value = value;
      document.body.appendChild(el);
      el.select();
      document.execCommand("copy");
      el.remove();
    }
    setCopied(true);
    window.setTimeout(() => setCopied(false), 2000);
  }
  return (
    <Button variant="secondary" size="sm" onClick={copy} aria-label={copied ? "Copied" : label}>
      {copied ? <CheckIcon className="size-3.5 text-emerald-600" /> : <CopyIcon className="size-3.5" />}
      {copied ? "Copied" : label}
    </Button>
  );
}

// A secret (token, invitation link) that is shown once: read-only, selectable, with a copy button.
export function OnceSecret({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="rounded-md border border-amber-200 bg-amber-50 p-3.5">
      <p className="text-sm font-medium text-amber-900">{label}</p>
      {note && <p className="mt-0.5 text-xs text-amber-800">{note}</p>}
      <div className="mt-2.5 flex items-center gap-2">
        <input
          readOnly
          aria-label={label}
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full min-w-0 rounded-md border-0 bg-white px-2.5 py-1.5 font-mono text-xs text-neutral-800 ring-1 ring-inset ring-amber-200 focus:ring-2 focus:ring-amber-400 focus:outline-none"
        />
        <CopyButton value={value} />
      </div>
    </div>
  );
}
