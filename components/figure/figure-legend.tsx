import { COLOURS } from "@/lib/figure/draw";

/**
 * Names the highlighted leg in words beside a small sample of its drawing (thick, outlined), so
 * the working side never rests on colour alone.
 */
export function FigureLegend({ text }: { text: string }) {
  return (
    <p
      className="flex items-center gap-1.5 text-sm leading-tight font-semibold"
      style={{ color: COLOURS.label }}
    >
      <svg viewBox="0 0 28 12" width="28" height="12" aria-hidden="true" focusable="false">
        <path d="M6 6H22" stroke={COLOURS.workOutline} strokeWidth={12} strokeLinecap="round" />
        <path d="M6 6H22" stroke={COLOURS.work} strokeWidth={8} strokeLinecap="round" />
      </svg>
      {text}
    </p>
  );
}
