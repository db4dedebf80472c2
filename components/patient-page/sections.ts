import { CHART_RANGES, type ChartRange } from "@/lib/chart-ranges";

/**
 * The patient page's sections below its summary. Only the chosen one is rendered and fetched on
 * the server, so the first screen does not pay for charts or the log (issue 14, part 3). The
 * choice lives in the address (`?section=charts`), so Back, reload and a shared link keep it.
 */
export const SECTIONS = [
  { id: "program", label: "Program" },
  { id: "charts", label: "Charts" },
  { id: "check-ins", label: "Check-in log" },
  { id: "messages", label: "Messages" },
  { id: "outcomes", label: "Outcomes" },
  { id: "goals-notes", label: "Goals & notes" },
  { id: "link", label: "Link" },
] as const;

export type SectionId = (typeof SECTIONS)[number]["id"];

/** The section a page opens with when the address names none (or one that does not exist). */
export const DEFAULT_SECTION: SectionId = "program";
const DEFAULT_RANGE: ChartRange = "12w";

type QueryValue = string | string[] | undefined;

const first = (value: QueryValue) => (Array.isArray(value) ? value[0] : value);

export function parseSection(value: QueryValue): SectionId {
  const wanted = first(value);
  return SECTIONS.find((s) => s.id === wanted)?.id ?? DEFAULT_SECTION;
}

export function parseRange(value: QueryValue): ChartRange {
  const wanted = first(value);
  return CHART_RANGES.find((r) => r === wanted) ?? DEFAULT_RANGE;
}

/** The check-in log's page: a whole number from 1, anything else reads as the first page. */
export function parseLogPage(value: QueryValue): number {
  const page = Number.parseInt(first(value) ?? "1", 10);
  return Number.isFinite(page) && page >= 1 ? page : 1;
}

/**
 * The address of one section, with the chart range or the log page when they differ from the
 * defaults. Each section keeps only its own setting: a range means nothing to the log.
 */
export function sectionHref(
  patientId: string,
  section: SectionId,
  options: { range?: ChartRange; logPage?: number; hash?: string } = {},
): string {
  const query = new URLSearchParams({ section });
  if (section === "charts" && options.range && options.range !== DEFAULT_RANGE)
    query.set("range", options.range);
  if (section === "check-ins" && options.logPage && options.logPage > 1)
    query.set("log", String(options.logPage));
  return `/patients/${patientId}?${query.toString()}${options.hash ? `#${options.hash}` : ""}`;
}
