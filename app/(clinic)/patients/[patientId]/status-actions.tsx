"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Textarea } from "@/components/goals-notes/textarea";
import { serverFieldErrors } from "@/components/team/server-errors";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Button } from "@/components/ui/button";
import { FieldError, Label } from "@/components/ui/input";

/**
 * Discharge (with a closing note, since it ends the program and the link and produces the
 * discharge summary) or re-admit. The note stays in its box whatever the server answers.
 */
export function StatusActions({
  patientId,
  status,
  name,
}: {
  patientId: string;
  status: "active" | "discharged";
  name: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [closingNote, setClosingNote] = useState("");
  const [noteError, setNoteError] = useState<string | undefined>();
  const discharge = useMutation(
    trpc.discharge.discharge.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        router.push(`/patients/${patientId}/discharge-summary`);
      },
      onError: (error) => setNoteError(serverFieldErrors(error).closingNote),
    }),
  );
  const readmit = useMutation(
    trpc.patients.readmit.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const error = noteError ? null : (discharge.error ?? readmit.error);

  function submit() {
    if (closingNote.trim() === "") {
      setNoteError("Write a closing note: how the episode went and what happens next.");
      return;
    }
    setNoteError(undefined);
    discharge.mutate({ patientId, closingNote });
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {status === "discharged" ? (
        <Button
          type="button"
          variant="secondary"
          disabled={readmit.isPending}
          onClick={() => readmit.mutate({ patientId })}
        >
          Re-admit
        </Button>
      ) : confirming ? (
        <form
          aria-label="Confirm discharge"
          className="w-full max-w-xl space-y-2 rounded-md border border-danger/30 bg-danger-soft p-3"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <p className="text-sm text-danger">
            Discharge {name}? Their program ends and their link stops working. History is kept, and
            a summary you can print is made from it.
          </p>
          <div>
            <Label htmlFor="closing-note">Closing note for the summary</Label>
            <Textarea
              id="closing-note"
              className="mt-1"
              rows={4}
              value={closingNote}
              aria-invalid={noteError ? true : undefined}
              aria-describedby={noteError ? "closing-note-error" : "closing-note-hint"}
              onChange={(event) => setClosingNote(event.target.value)}
            />
            <FieldError id="closing-note-error" message={noteError} />
            <p id="closing-note-hint" className="mt-1 text-sm text-muted-foreground">
              How the episode went and what happens next, for the patient&apos;s referrer.
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="danger" size="sm" disabled={discharge.isPending}>
              {discharge.isPending ? "Discharging…" : "Discharge and write summary"}
            </Button>
            <Button
              type="button"
              variant="secondary"
              size="sm"
              onClick={() => setConfirming(false)}
            >
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
          Discharge
        </Button>
      )}
      {error ? (
        <p role="alert" className="text-sm text-danger">
          {errorMessage(error)}
        </p>
      ) : null}
    </div>
  );
}
