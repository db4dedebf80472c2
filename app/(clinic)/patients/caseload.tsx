"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useOptimistic, useState, useTransition } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { Pager } from "@/components/ui/pager";
import { CONDITIONS, type Condition } from "@/db/schema/enums";
import { ADVICE_SHORT, percent } from "@/lib/advice-words";
import {
  caseloadHref,
  DEFAULT_CASELOAD,
  NEEDS_ATTENTION_WORDS,
  type CaseloadState,
} from "@/lib/caseload-url";
import { formatCalendarDay } from "@/lib/intl-format";
import { CONDITION_LABELS } from "@/lib/labels";
import { findMeasure } from "@/lib/measures";
import type { RouterOutputs } from "@/components/trpc/types";

type Result = RouterOutputs["caseload"]["list"];
type Row = Result["rows"][number];

const selectClass =
  "mt-1 min-h-11 w-full rounded-md border border-border bg-background px-2 text-base";

const SEVERITIES = ["critical", "high", "medium", "low"] as const;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The patient's own calendar day of the last check-in, against the day the figures are for (the
 * patient's today). Calendar days, not instants: the same words on the server and in any browser.
 */
function checkInWords(lastDay: string, today: string | null): string {
  if (today) {
    const ago = daysBetween(lastDay, today);
    if (ago === 0) return "Today";
    if (ago === 1) return "Yesterday";
  }
  return formatCalendarDay(lastDay, { day: "numeric", month: "short" });
}

const signed = (n: number) => `${n > 0 ? "+" : n < 0 ? "−" : "±"}${Math.abs(n).toFixed(1)}`;

const COLUMNS: ColumnDef<Row, unknown>[] = [
  {
    id: "name",
    header: "Patient",
    cell: ({ row: { original: r } }) => (
      <span className="flex flex-wrap items-center gap-1">
        <Link href={`/patients/${r.id}`} className="font-medium">
          {r.displayName}
        </Link>
        {r.status === "discharged" ? <Badge>Discharged</Badge> : null}
        {r.unreadMessages > 0 ? (
          <Link
            href={`/patients/${r.id}?section=messages`}
            prefetch={false}
            className="no-underline"
          >
            <Badge tone="info">
              {r.unreadMessages === 1 ? "1 unread message" : `${r.unreadMessages} unread messages`}
            </Badge>
          </Link>
        ) : null}
      </span>
    ),
  },
  {
    id: "condition",
    header: "Condition",
    cell: ({ row: { original: r } }) => CONDITION_LABELS[r.condition],
  },
  {
    id: "clinician",
    header: "Clinician",
    cell: ({ row: { original: r } }) => r.clinicianName,
  },
  {
    id: "version",
    header: "Program",
    cell: ({ row: { original: r } }) =>
      r.versionNumber && r.versionFromDay && r.day ? (
        <span className="whitespace-nowrap">
          v{r.versionNumber} · {plural(daysBetween(r.versionFromDay, r.day), "day")}
        </span>
      ) : (
        <span className="text-muted-foreground">No program</span>
      ),
  },
  {
    id: "lastCheckIn",
    header: "Last check-in",
    cell: ({ row: { original: r } }) =>
      r.lastCheckInDay ? (
        <time dateTime={r.lastCheckInDay} className="whitespace-nowrap">
          {checkInWords(r.lastCheckInDay, r.day)}
        </time>
      ) : (
        <span className="text-muted-foreground">Never</span>
      ),
  },
  {
    id: "adherence7",
    header: "A(7)",
    cell: ({ row: { original: r } }) => percentCell(r.adherence7),
  },
  {
    id: "adherence28",
    header: "A(28)",
    cell: ({ row: { original: r } }) => percentCell(r.adherence28),
  },
  {
    id: "pain",
    header: "Morning pain",
    cell: ({ row: { original: r } }) =>
      r.morningPain === null ? (
        <span className="text-muted-foreground">—</span>
      ) : (
        <span className="whitespace-nowrap">{r.morningPain.toFixed(1)}/10</span>
      ),
  },
  {
    id: "painChange",
    header: "Since baseline",
    cell: ({ row: { original: r } }) => (
      <span className="flex flex-wrap items-center gap-1">
        {r.painChange === null ? (
          <span className="text-muted-foreground">—</span>
        ) : (
          <span className="whitespace-nowrap">{signed(r.painChange)}</span>
        )}
        {r.improved ? <Badge tone="success">↓ Improved</Badge> : null}
        {r.worsening ? <Badge tone="danger">↑ Worsening</Badge> : null}
      </span>
    ),
  },
  {
    id: "outcome",
    header: "Outcome",
    // Not a sort key of the caseload query (no index behind it).
    enableSorting: false,
    cell: ({ row: { original: r } }) => <OutcomeCell row={r} />,
  },
  {
    id: "alerts",
    header: "Open alerts",
    cell: ({ row: { original: r } }) => {
      const parts = SEVERITIES.filter((s) => r.openAlerts[s] > 0);
      if (parts.length === 0) return <span className="text-muted-foreground">None</span>;
      return (
        <span className="flex flex-wrap gap-1">
          {parts.map((s, i) => (
            <Badge
              key={s}
              tone={
                s === "critical" || s === "high" ? "danger" : s === "medium" ? "warning" : "neutral"
              }
            >
              {r.openAlerts[s]} {s}
              {/* Read as "1 critical, 2 high" rather than one run of words. */}
              {i < parts.length - 1 ? <span className="sr-only">,</span> : null}
            </Badge>
          ))}
        </span>
      );
    },
  },
  {
    id: "advice",
    header: "Advice",
    cell: ({ row: { original: r } }) =>
      r.redFlag ? (
        <Badge tone="danger">Red flag: see alert</Badge>
      ) : r.advice ? (
        <span className="whitespace-nowrap">{ADVICE_SHORT[r.advice]}</span>
      ) : (
        <span className="text-muted-foreground">—</span>
      ),
  },
];

/** The latest outcome score and its change from the first: "PSFS 6.0 (+2.0)", with the MCID badge. */
function OutcomeCell({ row: r }: { row: Row }) {
  const measure = r.outcomeMeasureId ? findMeasure(r.outcomeMeasureId) : undefined;
  if (!measure || r.outcomeScore === null) return <span className="text-muted-foreground">—</span>;
  const decimals = measure.scoring.decimals;
  const change = r.outcomeChange;
  return (
    <span className="flex flex-wrap items-center gap-1">
      <span className="whitespace-nowrap">
        {measure.shortName} {r.outcomeScore.toFixed(decimals)}
        {change !== null
          ? ` (${change > 0 ? "+" : change < 0 ? "−" : "±"}${Math.abs(change).toFixed(decimals)})`
          : ""}
      </span>
      {r.outcomeMeaningful ? <Badge tone="success">MCID met</Badge> : null}
    </span>
  );
}

function percentCell(a: number | null) {
  return a === null ? (
    <span className="text-muted-foreground">—</span>
  ) : (
    <span className="whitespace-nowrap">{percent(a)}</span>
  );
}

/**
 * The caseload table and its filters. The server renders each view from the address; changing a
 * sort, a filter or the page moves to a new address, so back, forward, reload and a shared link
 * all show the same view. The previous rows stay, dimmed, while the next view loads.
 */
export function Caseload({ state, result }: { state: CaseloadState; result: Result }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // The controls show the choice at once; the rows follow when the server has the new view.
  const [view, setView] = useOptimistic(state);
  const [q, setQ] = useState(state.q);
  // What the search box last asked the server for, and the address's own search last seen: a
  // new address that did not come from typing (a filter link, back, forward) replaces the text,
  // while an answer to our own typing never overwrites letters typed since.
  const [sentQ, setSentQ] = useState(state.q);
  const [seenQ, setSeenQ] = useState(state.q);
  if (state.q !== seenQ) {
    setSeenQ(state.q);
    if (state.q !== sentQ) {
      setSentQ(state.q);
      setQ(state.q);
    }
  }
  const go = (changes: Partial<CaseloadState>) =>
    startTransition(() => {
      setView({ ...view, ...changes });
      router.push(caseloadHref(state, changes), { scroll: false });
    });

  // Search as you type, a moment after the last key, without a history entry per letter.
  useEffect(() => {
    const wanted = q.trim();
    if (wanted === state.q || wanted === sentQ) return;
    const timer = setTimeout(() => {
      setSentQ(wanted);
      startTransition(() => router.replace(caseloadHref(state, { q: wanted }), { scroll: false }));
    }, 300);
    return () => clearTimeout(timer);
  }, [q, sentQ, state, router]);

  const onSort = (id: string) =>
    go({
      sort: id as CaseloadState["sort"],
      desc: state.sort === id ? !state.desc : false,
    });
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const filtered =
    state.attention || state.condition || state.clinician || state.q || state.status !== "active";

  return (
    <>
      <form
        role="search"
        aria-label="Filter patients"
        action="/patients"
        className="mt-4 grid gap-3 rounded-lg border border-border bg-background p-3 sm:grid-cols-2 lg:grid-cols-6"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: q.trim() });
        }}
      >
        <div className="lg:col-span-2">
          <Label htmlFor="caseload-q">Search by name</Label>
          <Input
            id="caseload-q"
            name="q"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            className="mt-1"
            autoComplete="off"
          />
        </div>
        <div>
          <Label htmlFor="caseload-who">Whose patients</Label>
          <select
            id="caseload-who"
            name="who"
            className={selectClass}
            value={view.mine ? "mine" : "all"}
            onChange={(e) => go({ mine: e.target.value === "mine" })}
          >
            <option value="mine">My patients</option>
            <option value="all">Whole clinic</option>
          </select>
        </div>
        <div>
          <Label htmlFor="caseload-condition">Condition</Label>
          <select
            id="caseload-condition"
            name="condition"
            className={selectClass}
            value={view.condition ?? ""}
            onChange={(e) => go({ condition: (e.target.value || null) as Condition | null })}
          >
            <option value="">All conditions</option>
            {CONDITIONS.map((c) => (
              <option key={c} value={c}>
                {CONDITION_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <Label htmlFor="caseload-clinician">Clinician</Label>
          <select
            id="caseload-clinician"
            name="clinician"
            className={selectClass}
            value={view.clinician ?? ""}
            onChange={(e) => go({ clinician: e.target.value || null })}
          >
            <option value="">Any clinician</option>
            {result.clinicians.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <Label htmlFor="caseload-status">Status</Label>
          <select
            id="caseload-status"
            name="status"
            className={selectClass}
            value={view.status}
            onChange={(e) => go({ status: e.target.value as CaseloadState["status"] })}
          >
            <option value="active">Active</option>
            <option value="discharged">Discharged</option>
            <option value="all">All</option>
          </select>
        </div>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-6">
          <label className="inline-flex min-h-11 items-center gap-2 font-medium">
            <input
              type="checkbox"
              name="attention"
              value="1"
              checked={view.attention}
              onChange={(e) => go({ attention: e.target.checked })}
              className="size-5"
              aria-describedby="attention-help"
            />
            Needs attention
          </label>
          <span id="attention-help" className="text-sm text-muted-foreground">
            {NEEDS_ATTENTION_WORDS}
          </span>
          <Button type="submit" variant="secondary" className="ml-auto">
            Search
          </Button>
        </div>
      </form>

      <p role="status" aria-live="polite" className="mt-3 text-sm text-muted-foreground">
        {pending
          ? "Loading…"
          : `${countWords(result.total, state.mine)}${pages > 1 ? `, page ${state.page} of ${pages}` : ""}`}
      </p>

      <div className="mt-2">
        {result.rows.length === 0 ? (
          <div
            className="rounded-lg border border-dashed border-border bg-background p-8 text-center"
            aria-busy={pending || undefined}
          >
            <p className="font-medium">No patients match these filters.</p>
            {filtered || state.mine ? (
              <p className="mt-2">
                <Link href={caseloadHref(DEFAULT_CASELOAD, { mine: false })}>
                  Show every active patient in the clinic
                </Link>
              </p>
            ) : (
              <p className="text-muted-foreground">Patients your clinic adds will appear here.</p>
            )}
          </div>
        ) : (
          <DataTable
            caption="Patients"
            // The outcome column shows only when a patient on this page has a score: a clinic that
            // schedules no measures keeps the advice column on a 1280 px screen.
            columns={
              result.rows.some((r) => r.outcomeScore !== null)
                ? COLUMNS
                : COLUMNS.filter((c) => c.id !== "outcome")
            }
            rows={result.rows}
            rowKey={(r) => r.id}
            sorting={[{ id: state.sort, desc: state.desc }]}
            onSort={onSort}
            busy={pending}
            onRowClick={(r) => router.push(`/patients/${r.id}`)}
            stickyFirstColumn
          />
        )}
      </div>

      <Pager page={state.page} pages={pages} hrefFor={(page) => caseloadHref(state, { page })} />
    </>
  );
}

/** "30 of your patients", but "1 patient of yours"; "12 patients" for a wider view. */
function countWords(total: number, mine: boolean): string {
  if (!mine) return `${total} patient${total === 1 ? "" : "s"}`;
  return total === 1 ? "1 patient of yours" : `${total} of your patients`;
}
