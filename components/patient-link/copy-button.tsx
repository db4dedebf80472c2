"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

type CopyState = "idle" | "copied" | "failed";

/**
 * Copies a text to the clipboard. The clipboard API needs a secure origin, so on plain http (a
 * clinic's local network) it fails: the button then says to copy by hand.
 */
export function CopyButton({ text, label = "Copy link" }: { text: string; label?: string }) {
  const [state, setState] = useState<CopyState>("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  }
  return (
    <>
      <Button type="button" variant="secondary" onClick={() => void copy()}>
        {state === "copied" ? "Copied" : label}
      </Button>
      <span role="status" className="basis-full text-sm empty:hidden">
        {state === "failed" ? "Could not copy here: select the link and copy it yourself." : ""}
      </span>
    </>
  );
}
