"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";

/** A link shown once, read-only, with a copy button that says when it worked. */
export function CopyLink({ label, url }: { label: string; url: string }) {
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }

  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      <div className="mt-1 flex flex-wrap gap-2">
        <Input
          id={id}
          readOnly
          value={url}
          className="min-w-0 flex-1 basis-56 font-mono text-sm"
          onFocus={(e) => e.target.select()}
        />
        <Button type="button" variant="secondary" onClick={() => void copy()}>
          {copied === "yes" ? "Copied" : "Copy link"}
        </Button>
      </div>
      <p role="status" className="mt-1 text-sm text-muted-foreground">
        {copied === "failed" ? "Copying did not work here: select the link and copy it." : null}
      </p>
    </div>
  );
}
