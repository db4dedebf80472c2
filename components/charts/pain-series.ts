/** The pain chart's series, shared by the chart (client) and its table (server). */
export type PainContext = "morning" | "during" | "after" | "next_morning";

export interface PainChartDay {
  day: string;
  morning: number | null;
  during: number | null;
  after: number | null;
  next_morning: number | null;
  limit: number | null;
}

/** Each context has its own colour, dash and marker shape, so none rests on colour alone. */
export const PAIN_SERIES: {
  context: PainContext;
  label: string;
  colour: string;
  dash?: string;
  shape: "circle" | "square" | "triangle" | "diamond";
}[] = [
  { context: "morning", label: "Morning", colour: "#1d4ed8", shape: "circle" },
  { context: "during", label: "During exercise", colour: "#b45309", dash: "6 3", shape: "square" },
  { context: "after", label: "An hour after", colour: "#7e22ce", dash: "2 3", shape: "triangle" },
  {
    context: "next_morning",
    label: "Next morning",
    colour: "#047857",
    dash: "10 4",
    shape: "diamond",
  },
];
