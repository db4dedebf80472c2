"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import type { RouterOutputs } from "@/components/trpc/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/input";
import {
  ALERT_KIND_LABELS,
  describeAlert,
  SEVERITY_LABELS,
  SEVERITY_MARKS,
} from "@/lib/alert-words";

type AlertRow = RouterOutputs["alerts"]["list"]["rows"][number];

const TONES = { critical: "danger", high: "danger", medium: "warning", low: "neutral" } as const;

function when(date: Date) {
  return date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}

/** How long ago, in the largest whole unit: "3 days ago", "2 hours ago". */
function ago(date: Date, now: number) {
  const minutes = Math.max(0, Math.round((now - date.getTime()) / 60_000));
  const format = new Intl.RelativeTimeFormat("en-GB", { numeric: "auto" });
  if (minutes < 60) return format.format(-minutes, "minute");
  if (minutes < 48 * 60) return format.format(-Math.round(minutes / 60), "hour");
  return format.format(-Math.round(minutes / 1440), "day");
}

/**
 * One alert: how severe, what fired it with its numbers and rule version, and the two things a
 * clinician can do: acknowledge (with a note) and resolve. A failed call keeps the typed note.
 */
export function AlertCard({
  alert,
  showPatient = true,
  now,
}: {
  alert: AlertRow;
  showPatient?: boolean;
  now: number;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const noteId = useId();
  const [note, setNote] = useState("");
  const [acknowledging, setAcknowledging] = useState(false);
  const [confirmResolve, setConfirmResolve] = useState(false);
  const acknowledge = useMutation(
    trpc.alerts.acknowledge.mutationOptions({
      onSuccess: () => {
        setAcknowledging(false);
        setNote("");
        router.refresh();
      },
    }),
  );
  const resolve = useMutation(
    trpc.alerts.resolve.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const error = acknowledge.error ?? resolve.error;
  const title = ALERT_KIND_LABELS[alert.kind] ?? alert.kind;

  return (
    <article
      aria-labelledby={`${noteId}-title`}
      className="rounded-lg border border-border bg-background p-4"
      data-alert-kind={alert.kind}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={TONES[alert.severity]}>
          <span aria-hidden="true" className="mr-1">
            {SEVERITY_MARKS[alert.severity]}
          </span>
          {SEVERITY_LABELS[alert.severity]}
        </Badge>
        <h3 id={`${noteId}-title`} className="font-semibold">
          {title}
          {showPatient ? (
            <>
              {" · "}
              <Link href={`/patients/${alert.patientId}`} className="underline">
                {alert.patientName}
              </Link>
            </>
          ) : null}
        </h3>
        {alert.status !== "open" ? (
          <Badge>{alert.status === "acknowledged" ? "Acknowledged" : "Resolved"}</Badge>
        ) : null}
      </div>
      <p className="mt-2">{describeAlert(alert.kind, alert.inputs)}</p>
      <p className="mt-1 text-sm text-muted-foreground">
        Opened <time dateTime={alert.openedAt.toISOString()}>{ago(alert.openedAt, now)}</time> (
        {when(alert.openedAt)})
        {alert.updatedAt.getTime() !== alert.openedAt.getTime()
          ? `, updated ${ago(alert.updatedAt, now)}`
          : ""}{" "}
        · rule {alert.ruleId} (version {alert.ruleVersion})
        {showPatient ? ` · ${alert.clinicianName}'s patient` : ""}
      </p>
      {alert.acknowledgedAt ? (
        <p className="mt-1 text-sm">
          Acknowledged by {alert.acknowledgedByName ?? "a colleague"}{" "}
          {ago(alert.acknowledgedAt, now)}
          {alert.acknowledgeNote ? `: “${alert.acknowledgeNote}”` : "."}
        </p>
      ) : null}

      {alert.status === "resolved" ? null : (
        <div className="mt-3 space-y-2">
          {acknowledging ? (
            <form
              className="space-y-2"
              onSubmit={(e) => {
                e.preventDefault();
                acknowledge.mutate({ alertId: alert.id, note });
              }}
            >
              <Label htmlFor={noteId}>Note (optional, for the team)</Label>
              <textarea
                id={noteId}
                value={note}
                maxLength={500}
                onChange={(e) => setNote(e.target.value)}
                rows={2}
                className="w-full rounded-md border border-border bg-background px-3 py-2 text-base"
              />
              <div className="flex flex-wrap gap-2">
                <Button type="submit" size="sm" disabled={acknowledge.isPending}>
                  Save acknowledgement
                </Button>
                <Button
                  type="button"
                  size="sm"
                  variant="secondary"
                  onClick={() => setAcknowledging(false)}
                >
                  Cancel
                </Button>
              </div>
            </form>
          ) : confirmResolve ? (
            <div
              role="group"
              aria-label="Confirm resolve"
              className="flex flex-wrap items-center gap-2 rounded-md border border-border bg-muted p-2"
            >
              <span className="text-sm">
                Resolve this alert? It leaves the inbox; if the rule fires again a new one opens.
              </span>
              <Button
                type="button"
                size="sm"
                disabled={resolve.isPending}
                onClick={() => resolve.mutate({ alertId: alert.id })}
              >
                Yes, resolve
              </Button>
              <Button
                type="button"
                size="sm"
                variant="secondary"
                onClick={() => setConfirmResolve(false)}
              >
                Cancel
              </Button>
            </div>
          ) : (
            <div className="flex flex-wrap gap-2">
              {alert.status === "open" ? (
                <Button type="button" size="sm" onClick={() => setAcknowledging(true)}>
                  Acknowledge
                </Button>
              ) : null}
              <Button
                type="button"
                size="sm"
                variant="secondary"
                onClick={() => setConfirmResolve(true)}
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
