"use client";

import dynamic from "next/dynamic";

/** The outcome chart, loaded only when the Outcomes section is shown (as `lazy-charts`). */
export const LazyOutcomeChart = dynamic(
  () => import("@/components/charts/outcome-chart").then((m) => m.OutcomeChart),
  {
    ssr: false,
    loading: () => (
      <div className="flex h-64 w-full items-center justify-center rounded-md border border-dashed border-border text-sm text-muted-foreground">
        Drawing the chart…
      </div>
    ),
  },
);
