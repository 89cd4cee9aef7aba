"use client";

import { useState, type ReactNode } from "react";
import { Button } from "./button";

export type ConfirmButtonProps = {
  label: string;
  ariaLabel: string;
  // The second, destructive click.
  confirmLabel: string;
  confirmAriaLabel?: string;
  prompt?: ReactNode;
  tone?: "ghost" | "danger";
  pending: boolean;
  // `close` hides the confirmation again (call it when the action settles; a row that disappears needs nothing).
  onConfirm: (close: () => void) => void;
};

// A destructive action in two clicks, in place: the button, then Cancel or the confirming button.
export function ConfirmButton({ label, ariaLabel, confirmLabel, confirmAriaLabel, prompt, tone = "ghost", pending, onConfirm }: ConfirmButtonProps) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <Button variant={tone} size="sm" aria-label={ariaLabel} onClick={() => setConfirming(true)}>
        {label}
      </Button>
    );
  }
  return (
    <span className="inline-flex items-center gap-1.5">
      {prompt && <span className="text-xs text-neutral-600">{prompt}</span>}
      <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
        Cancel
      </Button>
      <Button variant="danger" size="sm" loading={pending} aria-label={confirmAriaLabel} onClick={() => onConfirm(() => setConfirming(false))}>
        {confirmLabel}
      </Button>
    </span>
  );
}
