"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { GoalStatus } from "@/db/schema/enums";
import { FormAlert } from "@/components/team/field";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatDate } from "@/lib/labels";
import { GoalForm } from "./goal-form";
import { GOAL_STATUS_LABELS, GOAL_STATUS_TONES, shortDay } from "./words";

export interface GoalRow {
  id: string;
  what: string;
  measure: string;
  target: string;
  targetDay: string;
  status: GoalStatus;
  statusChangedAt: Date;
  createdByName: string;
}

/** What each button sets, from the goal's status now. */
const MOVES: Record<GoalStatus, { status: GoalStatus; label: string }[]> = {
  active: [
    { status: "met", label: "Mark reached" },
    { status: "not_met", label: "Not reached" },
    { status: "dropped", label: "Drop" },
  ],
  met: [{ status: "active", label: "Reopen" }],
  not_met: [{ status: "active", label: "Reopen" }],
  dropped: [{ status: "active", label: "Reopen" }],
};

/** One goal with its status, the day it took that status, and the clinician's controls. */
export function GoalItem({
  goal,
  patientId,
  timeZone,
}: {
  goal: GoalRow;
  patientId: string;
  timeZone: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const setStatus = useMutation(
    trpc.goals.setStatus.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const headingId = `goal-${goal.id}-heading`;

  return (
    <article aria-labelledby={headingId} className="rounded-md border border-border p-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 id={headingId} className="min-w-0 font-medium break-words">
          {goal.what}
        </h3>
        <Badge tone={GOAL_STATUS_TONES[goal.status]}>{GOAL_STATUS_LABELS[goal.status]}</Badge>
      </div>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
        <dt className="text-muted-foreground">Measured by</dt>
        <dd className="break-words">{goal.measure}</dd>
        <dt className="text-muted-foreground">Target</dt>
        <dd className="break-words">
          {goal.target} by {shortDay(goal.targetDay)}
        </dd>
      </dl>
      <p className="mt-1 text-sm text-muted-foreground">
        Set by {goal.createdByName}.{" "}
        {goal.status === "active"
          ? `Open since ${formatDate(goal.statusChangedAt, timeZone)}.`
          : `${GOAL_STATUS_LABELS[goal.status]} on ${formatDate(goal.statusChangedAt, timeZone)}.`}
      </p>
      {editing ? (
        <div className="mt-3">
          <GoalForm patientId={patientId} goal={goal} onDone={() => setEditing(false)} />
        </div>
      ) : (
        <div className="mt-2 flex flex-wrap gap-2">
          {MOVES[goal.status].map((move) => (
            <Button
              key={move.status}
              type="button"
              size="sm"
              variant={move.status === "met" ? "primary" : "secondary"}
              aria-describedby={headingId}
              disabled={setStatus.isPending}
              onClick={() => setStatus.mutate({ goalId: goal.id, status: move.status })}
            >
              {move.label}
            </Button>
          ))}
          <Button
            type="button"
            size="sm"
            variant="ghost"
            aria-describedby={headingId}
            onClick={() => setEditing(true)}
          >
            Edit
          </Button>
        </div>
      )}
      {setStatus.error ? <FormAlert message={errorMessage(setStatus.error)} /> : null}
    </article>
  );
}
