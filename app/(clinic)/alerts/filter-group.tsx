import Link from "next/link";
import { useId } from "react";

export interface FilterOption {
  label: string;
  href: string;
  current: boolean;
}

/**
 * One filter of the inbox as a row of joined links with a visible name. The chosen one is marked
 * with aria-current, a filled background and bold text, not with colour alone. Links rather than
 * buttons: each view has its own address, so it can be bookmarked and the back button works.
 */
export function FilterGroup({ label, options }: { label: string; options: FilterOption[] }) {
  const id = useId();
  return (
    <nav aria-labelledby={id}>
      <span id={id} className="block text-xs font-medium text-muted-foreground">
        {label}
      </span>
      <div className="mt-1 inline-flex max-w-full flex-wrap overflow-hidden rounded-md border border-border bg-background">
        {options.map((option) => (
          <Link
            key={option.label}
            href={option.href}
            aria-current={option.current ? "page" : undefined}
            className="inline-flex min-h-9 items-center border-l border-border px-3 text-sm text-foreground no-underline first:border-l-0 hover:bg-muted aria-[current=page]:bg-primary aria-[current=page]:font-semibold aria-[current=page]:text-primary-foreground"
          >
            {option.label}
          </Link>
        ))}
      </div>
    </nav>
  );
}
