"use client";

import { useId } from "react";
import { ROLE_LABELS } from "@/components/team/labels";
import { Label } from "@/components/ui/input";
import type { CaseloadPatient, TeamMember } from "./types";

export type AssignmentChoice = Record<string, string>;

const SELECT_CLASS =
  "min-h-11 w-full rounded-md border border-border bg-background px-3 text-base text-foreground aria-[invalid=true]:border-danger";

function ColleagueOptions({ colleagues }: { colleagues: TeamMember[] }) {
  return (
    <>
      <option value="">Choose a colleague…</option>
      {colleagues.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name} ({ROLE_LABELS[c.role].toLowerCase()}, {c.activePatients} active patient
          {c.activePatients === 1 ? "" : "s"})
        </option>
      ))}
    </>
  );
}

/**
 * Who takes over each patient: one choice for everyone, then adjustable patient by patient. The
 * parent owns the choices so it can send them with deactivation or a hand-over.
 */
export function PatientAssignments({
  patients,
  colleagues,
  value,
  onChange,
  showMissing,
}: {
  patients: CaseloadPatient[];
  colleagues: TeamMember[];
  value: AssignmentChoice;
  onChange: (value: AssignmentChoice) => void;
  /** Mark patients still without a choice (after a submit that needed them all). */
  showMissing: boolean;
}) {
  const id = useId();
  const chosen = patients.filter((p) => value[p.id]).length;
  const first = patients[0];
  const everyone =
    first && patients.every((p) => value[p.id] === value[first.id]) ? (value[first.id] ?? "") : "";

  if (colleagues.length === 0) {
    return (
      <p className="mt-3 rounded-md border border-warning/30 bg-warning-soft p-3 text-warning">
        There is no other active colleague to take these patients. Invite someone or reactivate an
        account first.
      </p>
    );
  }

  return (
    <div className="mt-3 space-y-3">
      <div>
        <Label htmlFor={`${id}-all`}>Give every patient to</Label>
        <select
          id={`${id}-all`}
          className={`${SELECT_CLASS} mt-1`}
          value={everyone}
          onChange={(e) =>
            onChange(Object.fromEntries(patients.map((p) => [p.id, e.target.value])))
          }
        >
          <ColleagueOptions colleagues={colleagues} />
        </select>
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Or choose for each patient</legend>
        <ul className="mt-2 space-y-2">
          {patients.map((p) => {
            const missing = showMissing && !value[p.id];
            return (
              <li key={p.id}>
                <Label htmlFor={`${id}-${p.id}`} className="font-normal">
                  {p.displayName}
                </Label>
                <select
                  id={`${id}-${p.id}`}
                  className={`${SELECT_CLASS} mt-1`}
                  value={value[p.id] ?? ""}
                  aria-invalid={missing || undefined}
                  aria-describedby={missing ? `${id}-${p.id}-missing` : undefined}
                  onChange={(e) => onChange({ ...value, [p.id]: e.target.value })}
                >
                  <ColleagueOptions colleagues={colleagues} />
                </select>
                {missing ? (
                  <p id={`${id}-${p.id}-missing`} className="mt-1 text-sm text-danger">
                    Choose who takes over {p.displayName}.
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      </fieldset>
      <p className="text-sm text-muted-foreground" aria-live="polite">
        {chosen} of {patients.length} patient{patients.length === 1 ? "" : "s"} have a new
        clinician.
      </p>
    </div>
  );
}

/** The choices as the API takes them, leaving out patients without a choice. */
export function toAssignments(value: AssignmentChoice) {
  return Object.entries(value)
    .filter(([, toUserId]) => toUserId)
    .map(([patientId, toUserId]) => ({ patientId, toUserId }));
}
