import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

/** A multi-line box styled like the Input primitive. */
export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return (
    <textarea
      className={cn(
        "min-h-24 w-full rounded-md border border-border bg-background px-3 py-2 text-base text-foreground placeholder:text-muted-foreground aria-[invalid=true]:border-danger",
        className,
      )}
      {...props}
    />
  );
}
