/**
 * The caseload's state lives in the address, so a view can be bookmarked and shared. Parsing is
 * forgiving (an unknown value falls back to the default) and writing leaves defaults out.
 */
import { CONDITIONS, type Condition } from "@/db/schema/enums";

export const CASELOAD_SORT_IDS = [
  "name",
  "condition",
  "clinician",
  "version",
  "lastCheckIn",
  "adherence7",
  "adherence28",
  "pain",
  "painChange",
  "alerts",
  "advice",
] as const;
export type CaseloadSortId = (typeof CASELOAD_SORT_IDS)[number];

export const CASELOAD_PAGE_SIZE = 25;

/**
 * What "needs attention" means, in the words the page shows beside the filter. The rule itself is
 * `needsAttention` in server/services/caseload/list-caseload.ts: change both together.
 */
export const NEEDS_ATTENTION_WORDS =
  "A critical or high alert not yet resolved, a medium alert from the last 7 days nobody has acknowledged, or advice to regress. Low alerts alone do not count.";

export interface CaseloadState {
  mine: boolean;
  attention: boolean;
  condition: Condition | null;
  clinician: string | null;
  status: "active" | "discharged" | "all";
  q: string;
  sort: CaseloadSortId;
  desc: boolean;
  page: number;
}

export const DEFAULT_CASELOAD: CaseloadState = {
  mine: true,
  attention: false,
  condition: null,
  clinician: null,
  status: "active",
  q: "",
  sort: "name",
  desc: false,
  page: 1,
};

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
const oneOf = <T extends string>(list: readonly T[], v: string | undefined): T | null =>
  v !== undefined && (list as readonly string[]).includes(v) ? (v as T) : null;

export function parseCaseloadParams(params: Params): CaseloadState {
  const page = Number.parseInt(one(params.page) ?? "1", 10);
  const clinician = one(params.clinician)?.trim();
  return {
    mine: one(params.who) !== "all",
    attention: one(params.attention) === "1",
    condition: oneOf(CONDITIONS, one(params.condition)),
    clinician: clinician && clinician.length <= 64 ? clinician : null,
    status: oneOf(["active", "discharged", "all"] as const, one(params.status)) ?? "active",
    q: (one(params.q) ?? "").trim().slice(0, 100),
    sort: oneOf(CASELOAD_SORT_IDS, one(params.sort)) ?? "name",
    desc: one(params.dir) === "desc",
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, 10_000) : 1,
  };
}

/** The address of a caseload view; any change but the page itself goes back to page 1. */
export function caseloadHref(state: CaseloadState, changes: Partial<CaseloadState> = {}): string {
  const next = { ...state, ...changes };
  if (!("page" in changes)) next.page = 1;
  const params = new URLSearchParams();
  if (!next.mine) params.set("who", "all");
  if (next.attention) params.set("attention", "1");
  if (next.condition) params.set("condition", next.condition);
  if (next.clinician) params.set("clinician", next.clinician);
  if (next.status !== "active") params.set("status", next.status);
  if (next.q) params.set("q", next.q);
  if (next.sort !== "name") params.set("sort", next.sort);
  if (next.desc) params.set("dir", "desc");
  if (next.page > 1) params.set("page", String(next.page));
  const query = params.toString();
  return query ? `/patients?${query}` : "/patients";
}

/** The procedure's input for a view. */
export function caseloadInput(state: CaseloadState) {
  return {
    page: state.page,
    pageSize: CASELOAD_PAGE_SIZE,
    sort: { id: state.sort, desc: state.desc },
    filters: {
      mine: state.mine,
      needsAttention: state.attention,
      condition: state.condition ?? undefined,
      clinicianId: state.clinician ?? undefined,
      status: state.status,
      search: state.q || undefined,
    },
  };
}
