"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { CopyLink } from "@/components/team/copy-link";
import { formatInstant } from "@/components/team/labels";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { PatientAssignments, toAssignments, type AssignmentChoice } from "./patient-assignments";
import type { TeamMember } from "./types";

interface DialogBodyProps {
  member: TeamMember;
  colleagues: TeamMember[];
  timeZone: string;
  onCancel: () => void;
  onDone: (message: string) => void;
}

/**
 * Stays at the bottom of a tall dialog so the buttons never scroll out of reach; on a phone they
 * stack full width, the main action on top.
 */
function Actions({ children }: { children: ReactNode }) {
  return (
    <div className="sticky bottom-0 -mx-5 -mb-5 mt-5 flex flex-col-reverse gap-2 border-t border-border bg-background px-5 py-3 sm:flex-row sm:justify-end">
      {children}
    </div>
  );
}

function ServerError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p
      role="alert"
      className="mt-3 rounded-md border border-danger/30 bg-danger-soft p-3 text-sm text-danger"
    >
      {errorMessage(error)}
    </p>
  );
}

const plural = (n: number) => `${n} patient${n === 1 ? "" : "s"}`;

export function ChangeRoleBody({ member, onCancel, onDone }: DialogBodyProps) {
  const trpc = useTRPC();
  const change = useMutation(trpc.team.changeRole.mutationOptions());
  const toAdmin = member.role === "clinician";
  const role = toAdmin ? "admin" : "clinician";
  return (
    <>
      <p className="mt-2">
        {toAdmin
          ? `${member.name} will also be able to manage the team, the exercise library and templates.`
          : `${member.name} will keep their patients but can no longer manage the team, the library or templates.`}
      </p>
      {member.isYou && !toAdmin ? (
        <p className="mt-2 font-medium">You will lose access to this page straight away.</p>
      ) : null}
      <ServerError error={change.error} />
      <Actions>
        <Button type="button" variant="secondary" onClick={onCancel} autoFocus>
          Cancel
        </Button>
        <Button
          type="button"
          disabled={change.isPending}
          onClick={() =>
            change.mutate(
              { userId: member.id, role },
              {
                onSuccess: () =>
                  onDone(`${member.name} is now ${toAdmin ? "an admin" : "a clinician"}.`),
              },
            )
          }
        >
          {change.isPending ? "Saving…" : toAdmin ? "Make admin" : "Make clinician"}
        </Button>
      </Actions>
    </>
  );
}

/** Loads the person's active patients and lets the admin choose who takes each one. */
function useHandOver(member: TeamMember) {
  const trpc = useTRPC();
  const caseload = useQuery(
    trpc.team.caseload.queryOptions({ userId: member.id }, { staleTime: 0 }),
  );
  const [choice, setChoice] = useState<AssignmentChoice>({});
  const patients = caseload.data ?? [];
  const complete = patients.every((p) => choice[p.id]);
  return { caseload, patients, choice, setChoice, complete };
}

function CaseloadState({ caseload }: { caseload: ReturnType<typeof useHandOver>["caseload"] }) {
  if (caseload.isPending) {
    return (
      <p className="mt-3 text-sm" role="status" aria-busy="true">
        Loading their patients…
      </p>
    );
  }
  if (caseload.error) return <ServerError error={caseload.error} />;
  return null;
}

export function DeactivateBody({ member, colleagues, onCancel, onDone }: DialogBodyProps) {
  const trpc = useTRPC();
  const deactivate = useMutation(trpc.team.deactivate.mutationOptions());
  const handOver = useHandOver(member);
  const [triedWithout, setTriedWithout] = useState(false);
  const { patients } = handOver;
  const needsHandOver = patients.length > 0;

  function setChoiceAndClear(value: AssignmentChoice) {
    handOver.setChoice(value);
    deactivate.reset();
  }

  function submit() {
    if (needsHandOver && !handOver.complete) {
      setTriedWithout(true);
      return;
    }
    deactivate.mutate(
      { userId: member.id, assignments: toAssignments(handOver.choice) },
      {
        onSuccess: (result) =>
          onDone(
            `${member.name} is deactivated and signed out everywhere.` +
              (result.patientsReassigned > 0
                ? ` ${plural(result.patientsReassigned)} moved to their new clinicians.`
                : ""),
          ),
      },
    );
  }

  return (
    <>
      <p className="mt-2">
        {member.isYou ? "You" : member.name} will be signed out at once and can no longer sign in.
        You can reactivate the account later.
      </p>
      <CaseloadState caseload={handOver.caseload} />
      {needsHandOver ? (
        <>
          <p className="mt-3 font-medium">
            {member.name} has {plural(patients.length)} in active care. Choose who takes over each
            one: no patient is left without a clinician.
          </p>
          <PatientAssignments
            patients={patients}
            colleagues={colleagues}
            value={handOver.choice}
            onChange={setChoiceAndClear}
            showMissing={triedWithout}
          />
          {triedWithout && !handOver.complete ? (
            <p role="alert" className="mt-2 text-sm text-danger">
              Choose a new clinician for every patient before deactivating.
            </p>
          ) : null}
        </>
      ) : null}
      <ServerError error={deactivate.error} />
      <Actions>
        <Button type="button" variant="secondary" onClick={onCancel} autoFocus>
          Cancel
        </Button>
        <Button
          type="button"
          variant="danger"
          disabled={
            deactivate.isPending ||
            handOver.caseload.isPending ||
            (needsHandOver && colleagues.length === 0)
          }
          onClick={submit}
        >
          {deactivate.isPending
            ? "Deactivating…"
            : needsHandOver
              ? `Hand over and deactivate`
              : "Deactivate"}
        </Button>
      </Actions>
    </>
  );
}

export function HandOverBody({ member, colleagues, onCancel, onDone }: DialogBodyProps) {
  const trpc = useTRPC();
  const reassign = useMutation(trpc.team.reassignPatients.mutationOptions());
  const handOver = useHandOver(member);
  const assignments = toAssignments(handOver.choice);
  return (
    <>
      <p className="mt-2">
        Move some or all of {member.name}&apos;s active patients to colleagues in one step. Each
        move is recorded in the patient&apos;s history.
      </p>
      <CaseloadState caseload={handOver.caseload} />
      {handOver.caseload.isSuccess && handOver.patients.length === 0 ? (
        <p className="mt-3 rounded-md border border-dashed border-border p-4 text-center">
          {member.name} has no active patients.
        </p>
      ) : null}
      {handOver.patients.length > 0 ? (
        <PatientAssignments
          patients={handOver.patients}
          colleagues={colleagues}
          value={handOver.choice}
          onChange={(value) => {
            handOver.setChoice(value);
            reassign.reset();
          }}
          showMissing={false}
        />
      ) : null}
      <ServerError error={reassign.error} />
      <Actions>
        <Button type="button" variant="secondary" onClick={onCancel} autoFocus>
          Cancel
        </Button>
        <Button
          type="button"
          disabled={reassign.isPending || assignments.length === 0}
          onClick={() =>
            reassign.mutate(
              { fromUserId: member.id, assignments },
              {
                onSuccess: (result) =>
                  onDone(
                    `${plural(result.moved)} moved from ${member.name} to their new clinicians.`,
                  ),
              },
            )
          }
        >
          {reassign.isPending
            ? "Moving…"
            : `Move ${assignments.length > 0 ? plural(assignments.length) : "patients"}`}
        </Button>
      </Actions>
    </>
  );
}

export function ResetLinkBody({ member, timeZone, onCancel }: DialogBodyProps) {
  const trpc = useTRPC();
  const create = useMutation(trpc.team.createPasswordReset.mutationOptions());
  const link = create.data;
  if (link) {
    return (
      <>
        <p className="mt-2" role="status">
          Send this link to {member.name}. It works once, until{" "}
          {formatInstant(link.expiresAt, timeZone)}; using it signs them out everywhere.
        </p>
        <div className="mt-3">
          <CopyLink
            label="Password reset link (shown only now)"
            url={`${window.location.origin}/reset-password/${link.token}`}
          />
        </div>
        <Actions>
          <Button type="button" onClick={onCancel}>
            Done
          </Button>
        </Actions>
      </>
    );
  }
  return (
    <>
      <p className="mt-2">
        {member.name} uses the link to choose a new password. It works once, for 24 hours. Their
        current password keeps working until then, and any earlier reset link stops working.
      </p>
      <ServerError error={create.error} />
      <Actions>
        <Button type="button" variant="secondary" onClick={onCancel} autoFocus>
          Cancel
        </Button>
        <Button
          type="button"
          disabled={create.isPending}
          onClick={() => create.mutate({ userId: member.id })}
        >
          {create.isPending ? "Creating…" : "Create reset link"}
        </Button>
      </Actions>
    </>
  );
}
