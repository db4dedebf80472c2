"use client";

import { useState } from "react";
import { PainScale } from "./pain-scale";
import { SavedNote, useSubmission } from "./use-submission";

/** The first question of the day: a tap on a number, a tap on "Save". */
export function MorningPainForm({
  onDone,
  onLater,
}: {
  onDone: (score: number) => void;
  onLater: () => void;
}) {
  const [score, setScore] = useState<number | null>(null);
  const { state, send } = useSubmission();
  const [error, setError] = useState(false);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (score === null) {
      setError(true);
      return;
    }
    const result = await send({
      path: "checkIns.morningPain",
      input: { score },
      label: `This morning's pain: ${score} out of 10`,
    });
    if (result && result.status !== "refused") onDone(score);
  }

  return (
    <section aria-labelledby="morning-heading" className="rounded-lg border border-border p-4">
      <h2 id="morning-heading" tabIndex={-1} className="text-xl font-semibold">
        Good morning
      </h2>
      <form onSubmit={save} className="mt-3 space-y-4" noValidate>
        <PainScale
          name="morning-pain"
          legend="How bad was your knee pain when you got up this morning?"
          value={score}
          onChange={(s) => {
            setScore(s);
            setError(false);
          }}
        />
        {error ? (
          <p role="alert" className="text-danger">
            Please choose a number from 0 to 10 first.
          </p>
        ) : null}
        <div className="flex flex-wrap gap-3">
          <button
            type="submit"
            disabled={state.status === "sending"}
            className="min-h-12 flex-1 rounded-md bg-primary px-5 text-lg font-semibold text-primary-foreground"
          >
            {state.status === "sending" ? "Saving…" : "Save"}
          </button>
          <button
            type="button"
            onClick={onLater}
            className="min-h-12 rounded-md border border-border px-4 text-base"
          >
            Not now
          </button>
        </div>
        <SavedNote state={state} />
      </form>
    </section>
  );
}
