"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { OctagonAlert, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/components/trpc/client";
import type { RouterOutputs } from "@/components/trpc/types";
import { alertKindLabel, timeAgo } from "@/lib/alert-words";

export type AlertSummary = RouterOutputs["alerts"]["summary"];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The open alerts as every staff page shows them, first from the server's render, then fresh on
 * each move to another page and on coming back to the tab. There is no timer on purpose: a
 * request every minute would keep the session's idle clock from ever running out.
 */
function useAlertSummary(initial: AlertSummary, renderedAt: number) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = trpc.alerts.summary.queryOptions();
  const query = useQuery({ ...options, initialData: initial, initialDataUpdatedAt: renderedAt });

  // A newer server render (router.refresh after acknowledging) replaces what the query holds.
  useEffect(() => {
    const state = queryClient.getQueryState(options.queryKey);
    if (!state || state.dataUpdatedAt < renderedAt) {
      queryClient.setQueryData(options.queryKey, initial, { updatedAt: renderedAt });
    }
  }, [initial, renderedAt, queryClient, options.queryKey]);

  const pathname = usePathname();
  const firstPath = useRef(pathname);
  useEffect(() => {
    if (pathname === firstPath.current) return;
    firstPath.current = pathname;
    void queryClient.invalidateQueries({ queryKey: options.queryKey });
  }, [pathname, queryClient, options.queryKey]);

  return { summary: query.data, now: query.dataUpdatedAt };
}

/**
 * "Alerts 2 critical, 3 high, 7 open in all, 2 for your patients": the link's name starts with
 * the words it shows, so speech input users can say what they see.
 */
export function alertsLinkLabel(counts: AlertSummary["counts"]): string {
  const { total, critical, high, mine } = counts;
  if (total === 0) return "Alerts, none open";
  const parts = [
    critical > 0 ? `${critical} critical` : null,
    high > 0 ? `${high} high` : null,
    critical > 0 || high > 0 ? `${total} open in all` : `${total} open`,
    mine > 0 ? `${mine} for your patients` : null,
  ].filter(Boolean);
  return `Alerts ${parts.join(", ")}`;
}

/**
 * The menu's link to the alerts with their severity in words ("2 critical", "3 high") and an icon
 * for each: never a bare number or a colour alone.
 */
export function AlertsNavLink({
  initial,
  renderedAt,
}: {
  initial: AlertSummary;
  renderedAt: number;
}) {
  const { summary } = useAlertSummary(initial, renderedAt);
  const { total, critical, high } = summary.counts;
  return (
    <Link href="/alerts" aria-label={alertsLinkLabel(summary.counts)} className="font-medium">
      Alerts{" "}
      {critical > 0 ? (
        <span className="inline-flex items-center gap-1 rounded-full bg-danger px-2 align-middle text-xs font-semibold text-white">
          <OctagonAlert aria-hidden="true" className="size-3" strokeWidth={2.5} />
          {critical} critical
        </span>
      ) : null}{" "}
      {high > 0 ? (
        <span className="inline-flex items-center gap-1 rounded-full border border-danger/40 bg-danger-soft px-2 align-middle text-xs font-semibold text-danger">
          <TriangleAlert aria-hidden="true" className="size-3" strokeWidth={2.5} />
          {high} high
        </span>
      ) : null}
      {critical === 0 && high === 0 && total > 0 ? (
        <span className="rounded-full bg-muted px-2 align-middle text-xs font-semibold text-foreground">
          {total} open
        </span>
      ) : null}
    </Link>
  );
}

/**
 * On every staff page, until someone acknowledges them: each open critical alert (patient, kind,
 * how long ago, links to the patient and the alert) and a line counting the open high ones.
 */
export function UrgentAlertsBanner({
  initial,
  renderedAt,
}: {
  initial: AlertSummary;
  renderedAt: number;
}) {
  const { summary, now } = useAlertSummary(initial, renderedAt);
  const { critical: criticalCount, high } = summary.counts;
  if (criticalCount === 0 && high === 0) return null;
  const more = criticalCount - summary.critical.length;
  return (
    <section
      aria-label={criticalCount > 0 ? "Critical alerts" : "High alerts"}
      className="no-print border-b-2 border-danger bg-danger-soft"
    >
      <div className="mx-auto max-w-7xl space-y-2 px-4 py-3">
        {criticalCount > 0 ? (
          <>
            <p className="flex items-center gap-2 font-semibold text-danger">
              <OctagonAlert aria-hidden="true" className="size-5 shrink-0" strokeWidth={2.5} />
              {plural(criticalCount, "critical alert")} waiting for someone to act
            </p>
            <ul className="space-y-2">
              {summary.critical.map((alert) => (
                <li
                  key={alert.id}
                  className="flex flex-wrap items-baseline gap-x-4 gap-y-1 rounded-md border border-danger/40 bg-background px-3 py-2"
                >
                  <span>
                    <span className="font-semibold">Critical:</span> {alertKindLabel(alert.kind)}{" "}
                    for{" "}
                    <Link href={`/patients/${alert.patientId}`} className="font-semibold underline">
                      {alert.patientName}
                    </Link>
                    , raised{" "}
                    <time dateTime={alert.openedAt.toISOString()}>
                      {timeAgo(alert.openedAt, now)}
                    </time>
                  </span>
                  <Link
                    href={`/alerts?severity=critical#alert-${alert.id}`}
                    className="text-sm underline"
                  >
                    See the alert<span className="sr-only"> for {alert.patientName}</span>
                  </Link>
                </li>
              ))}
            </ul>
            {more > 0 ? (
              <p className="text-sm">
                And {plural(more, "more critical alert")}.{" "}
                <Link href="/alerts?severity=critical" className="underline">
                  See every critical alert
                </Link>
              </p>
            ) : null}
          </>
        ) : null}
        {high > 0 ? (
          <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <TriangleAlert
              aria-hidden="true"
              className="size-4 shrink-0 text-danger"
              strokeWidth={2.5}
            />
            <span>
              <span className="font-semibold">{plural(high, "high alert")}</span> open.
            </span>
            <Link href="/alerts?severity=high" className="underline">
              See the high alerts
            </Link>
          </p>
        ) : null}
        <p className="text-sm text-muted-foreground">
          Shown on every page until someone acknowledges them.
        </p>
      </div>
    </section>
  );
}
