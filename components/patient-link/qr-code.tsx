import { cn } from "@/lib/utils";

/**
 * A QR code drawn by our own server (`drawLinkQr`): the markup is paths only, never user text, so
 * inserting it as HTML is safe. Inline SVG stays sharp on paper at any printer resolution.
 */
export function QrCode({
  svg,
  label,
  className,
}: {
  svg: string;
  label: string;
  className?: string;
}) {
  return (
    <div
      role="img"
      aria-label={label}
      className={cn(
        "aspect-square bg-white [&>svg]:block [&>svg]:h-full [&>svg]:w-full",
        className,
      )}
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}
