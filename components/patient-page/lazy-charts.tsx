"use client";

import dynamic from "next/dynamic";

/**
 * The charts, loaded on demand: Recharts is the largest script of the staff pages, and only the
 * patient page's charts section draws it. `ssr: false` because a responsive chart has no size on
 * the server; the tables beside the charts carry every number in the server's HTML meanwhile.
 */

function ChartPlaceholder({ height }: { height: string }) {
  return (
    <div
      className={`${height} flex w-full items-center justify-center rounded-md border border-dashed border-border text-sm text-muted-foreground`}
    >
      Drawing the chart…
    </div>
  );
}

export const LazyPainChart = dynamic(
  () => import("@/components/charts/pain-chart").then((m) => m.PainChart),
  { ssr: false, loading: () => <ChartPlaceholder height="h-72" /> },
);

export const LazyAdherenceChart = dynamic(
  () => import("@/components/charts/adherence-chart").then((m) => m.AdherenceChart),
  { ssr: false, loading: () => <ChartPlaceholder height="h-56" /> },
);
