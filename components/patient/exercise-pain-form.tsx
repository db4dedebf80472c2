"use client";

import { useEffect, useState } from "react";
import { PainScale } from "./pain-scale";
import { SESSION_DONE_EVENT } from "./exercise-logger";
import { SavedNote, useSubmission } from "./use-submission";

/** After exercising: the worst pain during the exercises, and an optional note. */
export function ExercisePainForm({
  due,
  answeredScore,
}: {
  due: boolean;
  answeredScore: number | null;
}) {
  const [visible, setVisible] = useState(due);
  const [score, setScore] = useState<number | null>(null);
  const [note, setNote] = useState("");
  const [error, setError] = useState(false);
  const { state, send } = useSubmission();

  useEffect(() => {
    if (answeredScore !== null) return;
    const show = () => setVisible(true);
    window.addEventListener(SESSION_DONE_EVENT, show);
    return () => window.removeEventListener(SESSION_DONE_EVENT, show);
  }, [answeredScore]);

  if (answeredScore !== null) {
    return (
      <p className="rounded-lg border border-border bg-muted p-4">
        <span aria-hidden="true">✓ </span>You told us the worst pain during today&apos;s exercises
        was <strong>{answeredScore} out of 10</strong>. Thank you.
      </p>
    );
  }
  if (!visible) return null;
  if (state.status === "sent" || state.status === "queued") {
    return (
      <div className="rounded-lg border border-success/40 bg-success-soft p-4 text-success">
        <p>
          <span aria-hidden="true">✓ </span>Thank you: worst pain during the exercises{" "}
          <strong>{score} out of 10</strong>.
        </p>
        <SavedNote state={state} />
      </div>
    );
  }

  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (score === null) {
      setError(true);
      return;
    }
    await send({
      path: "checkIns.exercisePain",
      input: { score, note: note.trim() || null },
      label: `Pain during the exercises: ${score} out of 10`,
    });
  }

  return (
    <section
      aria-labelledby="exercise-pain-heading"
      className="rounded-lg border-2 border-primary/40 p-4"
    >
      <h2 id="exercise-pain-heading" className="text-xl font-semibold">
        After your exercises
      </h2>
      <form onSubmit={save} className="mt-3 space-y-4" noValidate>
        <PainScale
          name="exercise-pain"
          legend="What was the worst pain during today's exercises?"
          value={score}
          onChange={(s) => {
            setScore(s);
            setError(false);
          }}
        />
        <div>
          <label htmlFor="exercise-pain-note" className="font-medium">
            Anything to add? <span className="font-normal text-muted-foreground">(optional)</span>
          </label>
          <textarea
            id="exercise-pain-note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={1000}
            rows={2}
            className="mt-1 block w-full rounded-md border border-border p-2 text-base"
          />
        </div>
        {error ? (
          <p role="alert" className="text-danger">
            Please choose a number from 0 to 10 first.
          </p>
        ) : null}
        <button
          type="submit"
          disabled={state.status === "sending"}
          className="min-h-12 w-full rounded-md bg-primary px-5 text-lg font-semibold text-primary-foreground"
        >
          {state.status === "sending" ? "Saving…" : "Save"}
        </button>
        <SavedNote state={state} />
      </form>
    </section>
  );
}
