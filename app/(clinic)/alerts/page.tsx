import type { Metadata } from "next";
import Link from "next/link";
import { AlertCard } from "@/components/alerts/alert-card";
import { Pager } from "@/components/ui/pager";
import {
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  type AlertSeverity,
  type AlertStatus,
} from "@/db/schema/enums";
import { SEVERITY_LABELS } from "@/lib/alert-words";
import { requireStaffPage } from "@/server/page-auth";

export const metadata: Metadata = { title: "Alerts" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

const STATUS_TABS: Record<AlertStatus, string> = {
  open: "Open",
  acknowledged: "Acknowledged",
  resolved: "Resolved",
};

const PAGE_SIZE = 20;

const pill =
  "rounded-md border border-border bg-background px-3 py-1.5 no-underline aria-[current=page]:border-primary aria-[current=page]:font-semibold";

export default async function AlertsPage({ searchParams }: { searchParams: SearchParams }) {
  const { api } = await requireStaffPage();
  const params = await searchParams;
  const status = (ALERT_STATUSES as readonly string[]).includes(one(params.status) ?? "")
    ? (one(params.status) as AlertStatus)
    : "open";
  const mine = one(params.who) === "mine";
  const severity = (ALERT_SEVERITIES as readonly string[]).includes(one(params.severity) ?? "")
    ? (one(params.severity) as AlertSeverity)
    : undefined;
  const page = Math.max(1, Number.parseInt(one(params.page) ?? "1", 10) || 1);
  const result = await api.alerts.list({ status, mine, severity, page, pageSize: PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const now = new Date().getTime();
  const href = (changes: Record<string, string | undefined>) => {
    const next = { status, who: mine ? "mine" : undefined, severity, ...changes };
    const query = new URLSearchParams(
      Object.entries(next).filter((e): e is [string, string] => Boolean(e[1])),
    ).toString();
    return query ? `/alerts?${query}` : "/alerts";
  };

  return (
    <>
      <h1 className="text-2xl font-semibold">Alerts</h1>
      <p className="text-muted-foreground">
        Most severe first; within each severity, the longest waiting first.
      </p>

      <div className="mt-4 flex flex-wrap items-center gap-x-6 gap-y-3">
        <nav aria-label="Alert status" className="flex flex-wrap gap-2">
          {ALERT_STATUSES.map((s) => (
            <Link
              key={s}
              href={href({ status: s, page: undefined })}
              aria-current={s === status ? "page" : undefined}
              className={pill}
            >
              {STATUS_TABS[s]}
            </Link>
          ))}
        </nav>
        <nav aria-label="Whose patients" className="flex flex-wrap gap-2">
          <Link
            href={href({ who: undefined })}
            aria-current={!mine ? "page" : undefined}
            className={pill}
          >
            Everyone&apos;s patients
          </Link>
          <Link
            href={href({ who: "mine" })}
            aria-current={mine ? "page" : undefined}
            className={pill}
          >
            My patients
          </Link>
        </nav>
        <nav aria-label="Severity" className="flex flex-wrap gap-2">
          <Link
            href={href({ severity: undefined })}
            aria-current={!severity ? "page" : undefined}
            className={pill}
          >
            Any severity
          </Link>
          {ALERT_SEVERITIES.map((s) => (
            <Link
              key={s}
              href={href({ severity: s })}
              aria-current={s === severity ? "page" : undefined}
              className={pill}
            >
              {SEVERITY_LABELS[s]}
            </Link>
          ))}
        </nav>
      </div>

      <p role="status" className="mt-4 text-sm text-muted-foreground">
        {result.total} {STATUS_TABS[status].toLowerCase()} alert{result.total === 1 ? "" : "s"}
      </p>
      {result.rows.length === 0 ? (
        <div className="mt-2 rounded-lg border border-dashed border-border bg-background p-8 text-center">
          <p className="font-medium">
            {status === "open"
              ? "No open alerts — nothing needs you right now."
              : `No ${STATUS_TABS[status].toLowerCase()} alerts here.`}
          </p>
        </div>
      ) : (
        <ul className="mt-2 space-y-3" aria-label="Alerts">
          {result.rows.map((alert) => (
            <li key={alert.id}>
              <AlertCard alert={alert} now={now} />
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pages={pages} hrefFor={(n) => href({ page: String(n) })} />
    </>
  );
}
