import { CircleAlert, Info, OctagonAlert, TriangleAlert, type LucideIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { AlertSeverity } from "@/db/schema/enums";
import { SEVERITY_LABELS } from "@/lib/alert-words";

const ICONS: Record<AlertSeverity, LucideIcon> = {
  critical: OctagonAlert,
  high: TriangleAlert,
  medium: CircleAlert,
  low: Info,
};

const TONES = { critical: "danger", high: "danger", medium: "warning", low: "neutral" } as const;

/** Severity as a word and a shape, so it never rests on colour alone. */
export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  const Icon = ICONS[severity];
  return (
    <Badge tone={TONES[severity]} className="gap-1">
      <Icon aria-hidden="true" className="size-3.5 shrink-0" strokeWidth={2.5} />
      {SEVERITY_LABELS[severity]}
    </Badge>
  );
}

/** A coloured edge on the card that repeats the badge, for scanning a long list. */
export const SEVERITY_EDGES: Record<AlertSeverity, string> = {
  critical: "border-l-danger",
  high: "border-l-danger",
  medium: "border-l-warning",
  low: "border-l-border",
};
