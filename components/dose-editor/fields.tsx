import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

/** Styled like components/ui's Input, for the controls that file does not have. */
const CONTROL =
  "w-full rounded-md border border-border bg-background px-3 text-base text-foreground aria-[invalid=true]:border-danger disabled:bg-muted disabled:text-muted-foreground";

export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select className={cn(CONTROL, "min-h-11 px-2", className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea className={cn(CONTROL, "min-h-20 py-2", className)} {...props} />;
}
