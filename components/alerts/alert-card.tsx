"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import type { RouterOutputs } from "@/components/trpc/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/input";
import {
  alertFigures,
  alertKindLabel,
  describeAlert,
  describeRule,
  formatMoment,
  timeAgo,
} from "@/lib/alert-words";
import { cn } from "@/lib/utils";
import { SEVERITY_EDGES, SeverityBadge } from "./severity-badge";

export type AlertRow = RouterOutputs["alerts"]["list"]["rows"][number];

const NOTE_LIMIT = 500;

/** "3 days ago (19 Nov 2026, 13:07)": relative for a glance, absolute to be exact. */
function Moment({ date, now, timeZone }: { date: Date; now: number; timeZone: string }) {
  return (
    <>
      <time dateTime={date.toISOString()}>{timeAgo(date, now)}</time> (
      {formatMoment(date, timeZone)})
    </>
  );
}

type Mode = "idle" | "acknowledge" | "resolve";

/**
 * One alert: how severe, what fired it with its numbers and rule version, and the two things a
 * clinician can do: acknowledge (with a note) and resolve (after a confirm). A failed call keeps
 * the typed note and says why. `now` and `timeZone` come from the server so the server's render
 * and the browser's hydration print the same times.
 */
export function AlertCard({
  alert,
  showPatient = true,
  now,
  timeZone,
}: {
  alert: AlertRow;
  showPatient?: boolean;
  now: number;
  timeZone: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const uid = useId();
  const [note, setNote] = useState("");
  const [mode, setMode] = useState<Mode>("idle");
  // Keyboard users land in the form that opened and back on the button that opened it.
  const focusNext = useRef<"note" | "confirm" | "acknowledge" | "resolve" | null>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const acknowledgeRef = useRef<HTMLButtonElement>(null);
  const resolveRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const name = focusNext.current;
    focusNext.current = null;
    if (!name) return;
    const refs = {
      note: noteRef,
      confirm: confirmRef,
      acknowledge: acknowledgeRef,
      resolve: resolveRef,
    };
    refs[name].current?.focus();
  }, [mode]);

  const acknowledge = useMutation(
    trpc.alerts.acknowledge.mutationOptions({
      onSuccess: () => {
        setMode("idle");
        setNote("");
        router.refresh();
      },
    }),
  );
  const resolve = useMutation(
    trpc.alerts.resolve.mutationOptions({
      onSuccess: () => {
        setMode("idle");
        router.refresh();
      },
    }),
  );
  const error = acknowledge.error ?? resolve.error;

  const open = (next: Mode, focus: "note" | "confirm") => {
    acknowledge.reset();
    resolve.reset();
    focusNext.current = focus;
    setMode(next);
  };
  const close = () => {
    focusNext.current = mode === "acknowledge" ? "acknowledge" : "resolve";
    acknowledge.reset();
    resolve.reset();
    setMode("idle");
  };
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key === "Escape") close();
  };

  const figures = alertFigures(alert.inputs);
  const updated = alert.updatedAt.getTime() !== alert.openedAt.getTime();

  return (
    <article
      // The banner on every staff page links here: /alerts?severity=critical#alert-<id>.
      id={`alert-${alert.id}`}
      aria-labelledby={`${uid}-title`}
      className={cn(
        "scroll-mt-4 rounded-lg border border-l-4 border-border bg-background p-3 sm:p-4",
        SEVERITY_EDGES[alert.severity],
      )}
      data-alert-kind={alert.kind}
    >
      <div className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={alert.severity} />
        {alert.status === "acknowledged" ? <Badge tone="info">Acknowledged</Badge> : null}
        {alert.status === "resolved" ? <Badge tone="success">Resolved</Badge> : null}
      </div>
      <h3 id={`${uid}-title`} className="mt-2 font-semibold">
        {alertKindLabel(alert.kind)}
        {showPatient ? (
          <>
            {" · "}
            <Link href={`/patients/${alert.patientId}`} className="underline">
              {alert.patientName}
            </Link>
          </>
        ) : null}
      </h3>
      <p className="mt-1">{describeAlert(alert.kind, alert.inputs, alert.ruleVersion)}</p>

      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-muted-foreground">
        <li>
          Opened <Moment date={alert.openedAt} now={now} timeZone={timeZone} />
        </li>
        {updated ? (
          <li>
            Updated <Moment date={alert.updatedAt} now={now} timeZone={timeZone} />
          </li>
        ) : null}
        <li>{describeRule(alert.ruleId, alert.ruleVersion)}</li>
        {showPatient ? <li>{alert.clinicianName}&apos;s patient</li> : null}
      </ul>

      {figures.length > 0 ? (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-primary">The numbers that fired it</summary>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5">
            {figures.map((f) => (
              <div key={f.label} className="contents">
                <dt className="text-muted-foreground">{f.label}</dt>
                <dd className="tabular-nums">{f.value}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}

      {alert.acknowledgedAt ? (
        <p className="mt-2 text-sm">
          Acknowledged by {alert.acknowledgedByName ?? "a colleague"}{" "}
          <Moment date={alert.acknowledgedAt} now={now} timeZone={timeZone} />
          {alert.acknowledgeNote ? `: “${alert.acknowledgeNote}”` : "."}
        </p>
      ) : null}
      {alert.resolvedAt ? (
        <p className="mt-1 text-sm">
          Resolved by {alert.resolvedByName ?? "a colleague"}{" "}
          <Moment date={alert.resolvedAt} now={now} timeZone={timeZone} />.
        </p>
      ) : null}

      {alert.status === "resolved" ? null : (
        <div className="mt-3 space-y-2">
          {mode === "acknowledge" ? (
            <form
              className="space-y-2"
              onKeyDown={closeOnEscape}
              onSubmit={(e) => {
                e.preventDefault();
                acknowledge.mutate({ alertId: alert.id, note });
              }}
            >
              <Label htmlFor={`${uid}-note`}>Note (optional, for the team)</Label>
              <textarea
                id={`${uid}-note`}
                ref={noteRef}
                value={note}
                maxLength={NOTE_LIMIT}
                onChange={(e) => setNote(e.target.value)}
                rows={2}
                aria-describedby={`${uid}-note-hint`}
                className="block w-full rounded-md border border-border bg-background px-3 py-2 text-base"
              />
              <p id={`${uid}-note-hint`} className="text-xs text-muted-foreground">
                What you did or plan to do, up to {NOTE_LIMIT} characters ({note.length} used).
              </p>
              <div className="flex flex-wrap gap-2">
                <Button type="submit" size="sm" disabled={acknowledge.isPending}>
                  {acknowledge.isPending ? "Saving…" : "Save acknowledgement"}
                </Button>
                <Button type="button" size="sm" variant="secondary" onClick={close}>
                  Cancel
                </Button>
              </div>
            </form>
          ) : mode === "resolve" ? (
            <div
              role="group"
              aria-labelledby={`${uid}-confirm`}
              onKeyDown={closeOnEscape}
              className="space-y-2 rounded-md border border-border bg-muted p-3"
            >
              <p id={`${uid}-confirm`} className="text-sm">
                Resolve this alert? It leaves the list of open alerts; if its rule fires again, a
                new alert opens.
              </p>
              <div className="flex flex-wrap gap-2">
                <Button
                  ref={confirmRef}
                  type="button"
                  size="sm"
                  disabled={resolve.isPending}
                  onClick={() => resolve.mutate({ alertId: alert.id })}
                >
                  {resolve.isPending ? "Resolving…" : "Yes, resolve"}
                </Button>
                <Button type="button" size="sm" variant="secondary" onClick={close}>
                  Cancel
                </Button>
              </div>
            </div>
          ) : (
            <div className="flex flex-wrap gap-2">
              {alert.status === "open" ? (
                <Button
                  ref={acknowledgeRef}
                  type="button"
                  size="sm"
                  onClick={() => open("acknowledge", "note")}
                >
                  Acknowledge
                </Button>
              ) : null}
              <Button
                ref={resolveRef}
                type="button"
                size="sm"
                variant="secondary"
                onClick={() => open("resolve", "confirm")}
              >
                Resolve
              </Button>
            </div>
          )}
          {error ? (
            <p role="alert" className="text-sm text-danger">
              {errorMessage(error)}
            </p>
          ) : null}
        </div>
      )}
    </article>
  );
}
