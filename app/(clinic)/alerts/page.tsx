import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AlertCard } from "@/components/alerts/alert-card";
import { Pager } from "@/components/ui/pager";
import { ALERT_SEVERITIES, ALERT_STATUSES, type AlertStatus } from "@/db/schema/enums";
import { SEVERITY_LABELS } from "@/lib/alert-words";
import { requireStaffPage } from "@/server/page-auth";
import { FilterGroup } from "./filter-group";

export const metadata: Metadata = { title: "Alerts" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
const pick = <T extends string>(values: readonly T[], v: string | undefined): T | undefined =>
  (values as readonly string[]).includes(v ?? "") ? (v as T) : undefined;

const STATUS_LABELS: Record<AlertStatus, string> = {
  open: "Open",
  acknowledged: "Acknowledged",
  resolved: "Resolved",
};

const ORDER_NOTES: Record<AlertStatus, string> = {
  open: "Most severe first; within each severity, the longest waiting first.",
  acknowledged:
    "Seen by someone but not yet resolved. Most severe first, then the longest waiting.",
  resolved: "The most recently resolved first.",
};

const PAGE_SIZE = 20;

export default async function AlertsPage({ searchParams }: { searchParams: SearchParams }) {
  const { api } = await requireStaffPage();
  const params = await searchParams;
  const status = pick(ALERT_STATUSES, one(params.status)) ?? "open";
  const mine = one(params.who) === "mine";
  const severity = pick(ALERT_SEVERITIES, one(params.severity));
  const page = Math.max(1, Number.parseInt(one(params.page) ?? "1", 10) || 1);
  /** The inbox's address with some filters changed; defaults are left out so links stay short. */
  const href = (changes: Record<string, string | undefined>) => {
    const next: Record<string, string | undefined> = {
      status,
      who: mine ? "mine" : undefined,
      severity,
      ...changes,
    };
    if (next.status === "open") delete next.status;
    if (next.page === "1") delete next.page;
    const query = new URLSearchParams(
      Object.entries(next).filter((e): e is [string, string] => Boolean(e[1])),
    ).toString();
    return query ? `/alerts?${query}` : "/alerts";
  };

  const result = await api.alerts.list({ status, mine, severity, page, pageSize: PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  // The last alert of a later page was just resolved: show the new last page, not "none".
  if (result.rows.length === 0 && page > pages) redirect(href({ page: String(pages) }));
  const now = new Date().getTime();
  const filtered = mine || severity !== undefined;
  const noun = STATUS_LABELS[status].toLowerCase();

  return (
    <>
      <h1 className="text-2xl font-semibold">Alerts</h1>
      <p className="text-muted-foreground">{ORDER_NOTES[status]}</p>

      <div className="mt-4 flex flex-wrap items-end gap-x-6 gap-y-3">
        <FilterGroup
          label="Status"
          options={ALERT_STATUSES.map((s) => ({
            label: STATUS_LABELS[s],
            href: href({ status: s, page: undefined }),
            current: s === status,
          }))}
        />
        <FilterGroup
          label="Patients"
          options={[
            {
              label: "Everyone's",
              href: href({ who: undefined, page: undefined }),
              current: !mine,
            },
            { label: "Mine", href: href({ who: "mine", page: undefined }), current: mine },
          ]}
        />
        <FilterGroup
          label="Severity"
          options={[
            {
              label: "Any",
              href: href({ severity: undefined, page: undefined }),
              current: !severity,
            },
            ...ALERT_SEVERITIES.map((s) => ({
              label: SEVERITY_LABELS[s]!,
              href: href({ severity: s, page: undefined }),
              current: s === severity,
            })),
          ]}
        />
      </div>

      <p role="status" className="mt-4 text-sm text-muted-foreground">
        {result.total} {noun} alert{result.total === 1 ? "" : "s"}
        {mine ? " for your patients" : ""}
        {severity ? `, ${SEVERITY_LABELS[severity]!.toLowerCase()} severity` : ""}
      </p>
      {result.rows.length === 0 ? (
        <div className="mt-2 rounded-lg border border-dashed border-border bg-background p-8 text-center">
          <p className="font-medium">
            {filtered
              ? `No ${noun} alerts match these filters.`
              : status === "open"
                ? "No open alerts — nothing needs you right now."
                : `No ${noun} alerts.`}
          </p>
          {filtered ? (
            <p className="mt-2">
              <Link href={href({ who: undefined, severity: undefined, page: undefined })}>
                Show every {noun} alert
              </Link>
            </p>
          ) : null}
        </div>
      ) : (
        <ul className="mt-2 space-y-3" aria-label={`${STATUS_LABELS[status]} alerts`}>
          {result.rows.map((alert) => (
            <li key={alert.id}>
              <AlertCard alert={alert} now={now} timeZone={result.timeZone} />
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pages={pages} hrefFor={(n) => href({ page: String(n) })} />
    </>
  );
}
