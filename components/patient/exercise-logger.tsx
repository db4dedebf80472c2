"use client";

import { useEffect, useRef, useState } from "react";
import { SavedNote, useSubmission } from "./use-submission";

export const SESSION_DONE_EVENT = "rehabit:session-done";

const SKIP_REASONS = [
  { value: "too_painful", label: "Too painful" },
  { value: "no_time", label: "No time" },
  { value: "forgot", label: "I forgot" },
  { value: "other", label: "Another reason" },
] as const;

export interface LoggerItem {
  id: string;
  name: string;
  sets: number | null;
  reps: number | null;
  daysPerWeek: number;
  today: {
    asked: number;
    doneToday: number;
    skippedToday: number;
    remaining: number;
    restDay: boolean;
    daysDoneThisWeek: number;
  };
}

const primary =
  "min-h-12 rounded-md bg-primary px-5 text-lg font-semibold text-primary-foreground disabled:opacity-60";
const secondary =
  "min-h-12 rounded-md border-2 border-border bg-background px-5 text-lg font-medium";

/** "Done" or "Skip" for each session of one exercise today. */
export function ExerciseLogger({ item }: { item: LoggerItem }) {
  const [done, setDone] = useState(item.today.doneToday);
  const [skipped, setSkipped] = useState(item.today.skippedToday);
  const [mode, setMode] = useState<"buttons" | "skip">("buttons");
  const [reason, setReason] = useState<string | null>(null);
  const [setsDone, setSetsDone] = useState("");
  const [repsDone, setRepsDone] = useState("");
  const { state, send } = useSubmission();
  // After a tap the button it was on may be gone: focus goes to what the card says now.
  const statusRef = useRef<HTMLDivElement>(null);
  const [logged, setLogged] = useState(0);
  useEffect(() => {
    if (logged > 0) statusRef.current?.focus();
  }, [logged]);
  const asked = item.today.asked;
  const remaining = Math.max(0, asked - done - skipped);
  const session = done + skipped + 1;
  const label = asked > 1 ? `${item.name}, session ${session} of ${asked}` : item.name;

  if (item.today.restDay && done === 0) {
    return (
      <p className="mt-3 rounded-md border border-border bg-muted p-3">
        <span aria-hidden="true">✓ </span>
        <strong>Rest day for this exercise.</strong> You have done it on{" "}
        {item.today.daysDoneThisWeek} days this week, as your plan asks.
      </p>
    );
  }

  async function logDone(withAmounts: boolean) {
    const sets = withAmounts && setsDone !== "" ? Number(setsDone) : null;
    const reps = withAmounts && repsDone !== "" ? Number(repsDone) : null;
    const result = await send({
      path: "checkIns.exerciseSession",
      input: { programItemId: item.id, outcome: { done: true, setsDone: sets, repsDone: reps } },
      label: `${label}: done`,
    });
    if (result && result.status !== "refused") {
      setDone((n) => n + 1);
      setLogged((n) => n + 1);
      window.dispatchEvent(new Event(SESSION_DONE_EVENT));
    }
  }

  async function logSkip(event: React.FormEvent) {
    event.preventDefault();
    if (!reason) return;
    const text = SKIP_REASONS.find((r) => r.value === reason)?.label ?? reason;
    const result = await send({
      path: "checkIns.exerciseSession",
      input: { programItemId: item.id, outcome: { done: false, skippedReason: reason } },
      label: `${label}: skipped (${text.toLowerCase()})`,
    });
    if (result && result.status !== "refused") {
      setSkipped((n) => n + 1);
      setLogged((n) => n + 1);
      setMode("buttons");
      setReason(null);
    }
  }

  const progress =
    asked > 1 || skipped > 0 ? (
      <p className="font-medium">
        Today: {done} of {asked} done{skipped > 0 ? `, ${skipped} skipped` : ""}
      </p>
    ) : null;

  return (
    <>
      <p className="mt-4 hidden rounded-md border border-warning/40 bg-warning-soft p-3 group-data-[paused=true]/flow:block">
        <strong>Paused</strong> because of your answers to the safety questions. Please speak to
        your clinic before you do this exercise again.
      </p>
      <div
        ref={statusRef}
        tabIndex={-1}
        className="mt-4 space-y-3 border-t border-border pt-3 group-data-[paused=true]/flow:hidden focus:outline-none focus-visible:outline-3"
        aria-live="polite"
      >
        {progress}
        {remaining === 0 ? (
          done > 0 ? (
            <p className="rounded-md border border-success/40 bg-success-soft p-3 text-success">
              <span aria-hidden="true">✓ </span>
              <strong>Done for today.</strong> Well done!
            </p>
          ) : (
            <p className="rounded-md border border-border bg-muted p-3">
              Skipped today. That is fine: try again tomorrow.
            </p>
          )
        ) : mode === "buttons" ? (
          <>
            <div className="flex flex-wrap gap-3">
              <button
                type="button"
                className={`${primary} flex-1`}
                disabled={state.status === "sending"}
                onClick={() => logDone(false)}
                aria-label={`Done: ${label}`}
              >
                <span aria-hidden="true">✓ </span>Done
              </button>
              <button
                type="button"
                className={secondary}
                onClick={() => setMode("skip")}
                aria-label={`Skip: ${label}`}
              >
                Skip
              </button>
            </div>
            <details className="rounded-md border border-border">
              <summary className="min-h-11 cursor-pointer px-3 py-2.5">
                I did a different amount
              </summary>
              <div className="space-y-3 px-3 pb-3">
                <div className="flex flex-wrap gap-3">
                  <label className="flex flex-col font-medium">
                    Sets done
                    <input
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={50}
                      value={setsDone}
                      placeholder={item.sets !== null ? String(item.sets) : undefined}
                      onChange={(e) => setSetsDone(e.target.value)}
                      className="mt-1 min-h-12 w-24 rounded-md border border-border px-2 text-lg"
                    />
                  </label>
                  <label className="flex flex-col font-medium">
                    Reps each set
                    <input
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={500}
                      value={repsDone}
                      placeholder={item.reps !== null ? String(item.reps) : undefined}
                      onChange={(e) => setRepsDone(e.target.value)}
                      className="mt-1 min-h-12 w-24 rounded-md border border-border px-2 text-lg"
                    />
                  </label>
                </div>
                <button
                  type="button"
                  className={`${primary} w-full`}
                  disabled={state.status === "sending"}
                  onClick={() => logDone(true)}
                >
                  Save as done
                </button>
              </div>
            </details>
          </>
        ) : (
          <form onSubmit={logSkip} className="space-y-3">
            <fieldset>
              <legend className="font-semibold">Why are you skipping {label}?</legend>
              <div className="mt-2 grid gap-2">
                {SKIP_REASONS.map((r) => (
                  <label
                    key={r.value}
                    className="flex min-h-12 cursor-pointer items-center gap-3 rounded-md border-2 border-border px-3 has-[:checked]:border-primary has-[:checked]:font-semibold"
                  >
                    <input
                      type="radio"
                      name={`skip-${item.id}`}
                      value={r.value}
                      checked={reason === r.value}
                      onChange={() => setReason(r.value)}
                      className="size-5"
                    />
                    {r.label}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="flex flex-wrap gap-3">
              <button
                type="submit"
                className={`${primary} flex-1`}
                disabled={!reason || state.status === "sending"}
              >
                Save
              </button>
              <button type="button" className={secondary} onClick={() => setMode("buttons")}>
                Cancel
              </button>
            </div>
          </form>
        )}
        <SavedNote state={state} />
      </div>
    </>
  );
}
