/** The patient chart's ranges: 4 weeks, 12 weeks (the default), or everything since the start. */
export const CHART_RANGES = ["4w", "12w", "all"] as const;
export type ChartRange = (typeof CHART_RANGES)[number];
