"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { flushSync } from "react-dom";
import { RED_FLAG_QUESTIONS, redFlagLevel, type RedFlagLevel } from "@/server/domain/red-flags";
import type { SendResult } from "./outbox";
import { RedFlagAdvice, type ClinicContact } from "./red-flag-advice";
import { SavedNote, useSubmission } from "./use-submission";

/**
 * The red-flag questions, each a large Yes / No. The level is worked out on the phone from the
 * same data file the server uses, and its advice is on screen before the answers are sent, so
 * nothing the network does (offline, hanging) can hold it back.
 */
export function SafetyCheckForm({
  clinic,
  intro,
  onAnswered,
  onSent,
  onLater,
  postponesLeft,
  header,
}: {
  clinic: ClinicContact;
  intro: string;
  /** The page's header: shown above the questions, and below the advice once there is any. */
  header?: ReactNode;
  /**
   * When given, the caller shows the advice (e.g. above everything else on the plan). Called as
   * soon as every question is answered, before anything is sent.
   */
  onAnswered?: (level: RedFlagLevel | null) => void;
  /** What became of the answers: sent, waiting on the phone, or refused. */
  onSent?: (result: SendResult) => void;
  /** "Answer later"; left out once the week's check can no longer be put off. */
  onLater?: () => void;
  /** How many more times the check may be put off this week, said beside "Answer later". */
  postponesLeft?: number;
}) {
  const [answers, setAnswers] = useState<Record<string, boolean>>({});
  const [missing, setMissing] = useState(false);
  const [level, setLevel] = useState<RedFlagLevel | null | undefined>(undefined);
  const { state, send } = useSubmission();
  const adviceRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!level) return;
    window.scrollTo({ top: 0 });
    adviceRef.current?.querySelector<HTMLElement>("h2")?.focus();
  }, [level]);

  const unanswered = RED_FLAG_QUESTIONS.filter((q) => answers[q.id] === undefined);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (unanswered.length > 0) {
      setMissing(true);
      document.getElementById(`q-${unanswered[0]!.id}`)?.focus();
      return;
    }
    const list = RED_FLAG_QUESTIONS.map((q) => ({ questionId: q.id, answer: answers[q.id]! }));
    const found = redFlagLevel(list);
    // The advice is drawn first; only then does the answer go to the outbox and the network.
    flushSync(() => {
      setLevel(found);
      onAnswered?.(found);
    });
    const yes = list.filter((a) => a.answer).length;
    const result = await send({
      path: "checkIns.safetyCheck",
      input: { answers: list },
      label: yes > 0 ? `Safety check: ${yes} answered yes` : "Safety check: all answered no",
    });
    if (result) onSent?.(result);
  }

  if (level !== undefined && !onAnswered) {
    const delivery =
      state.status === "queued" ? "waiting" : state.status === "sent" ? "sent" : "sending";
    return (
      <div className="space-y-5">
        <div ref={adviceRef} className="space-y-3">
          {level ? (
            <RedFlagAdvice level={level} clinic={clinic} delivery={delivery} />
          ) : (
            <p
              className="rounded-lg border border-success/40 bg-success-soft p-4 text-success"
              role="status"
            >
              <span aria-hidden="true">✓ </span>Thank you. Nothing in your answers needs urgent
              action. If anything changes, answer these questions again from &ldquo;I have new
              symptoms&rdquo;.
            </p>
          )}
          {state.status === "refused" ? <SavedNote state={state} /> : null}
        </div>
        {header}
      </div>
    );
  }

  return (
    <div className="space-y-5">
      {header}
      <section
        aria-labelledby="safety-heading"
        className="rounded-lg border border-border p-3 sm:p-4"
      >
        <h2 id="safety-heading" tabIndex={-1} className="text-xl font-semibold">
          Safety check
        </h2>
        <p className="mt-1">{intro}</p>
        <p className="mt-2 font-medium">Is this true for you now? Answer Yes or No to each one.</p>
        <form onSubmit={save} className="mt-4 space-y-4" noValidate>
          <ol className="space-y-4">
            {RED_FLAG_QUESTIONS.map((q, i) => (
              <li key={q.id} className="rounded-md border border-border p-2 sm:p-3">
                <fieldset
                  className="min-w-0"
                  aria-invalid={missing && answers[q.id] === undefined ? true : undefined}
                >
                  <legend className="float-left w-full font-medium">
                    <span className="sr-only">Question {i + 1}: </span>
                    {q.text}
                  </legend>
                  <div className="clear-both grid grid-cols-[repeat(auto-fit,minmax(5.5rem,1fr))] gap-2 pt-2">
                    {[
                      { value: false, text: "No" },
                      { value: true, text: "Yes" },
                    ].map((option) => (
                      <label
                        key={option.text}
                        className="flex min-h-12 cursor-pointer items-center justify-center gap-2 rounded-md border-2 border-border text-lg has-[:checked]:border-primary has-[:checked]:bg-primary-soft has-[:checked]:font-bold has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-ring"
                      >
                        <input
                          id={option.value ? undefined : `q-${q.id}`}
                          type="radio"
                          name={`q-${q.id}`}
                          checked={answers[q.id] === option.value}
                          onChange={() => {
                            setAnswers((a) => ({ ...a, [q.id]: option.value }));
                          }}
                          className="size-5"
                        />
                        {option.text}
                      </label>
                    ))}
                  </div>
                  {missing && answers[q.id] === undefined ? (
                    <p className="mt-1 text-danger">Please answer this question.</p>
                  ) : null}
                </fieldset>
              </li>
            ))}
          </ol>
          {missing && unanswered.length > 0 ? (
            <p role="alert" className="font-medium text-danger">
              {unanswered.length === 1
                ? "One question still needs an answer."
                : `${unanswered.length} questions still need an answer.`}
            </p>
          ) : null}
          <div className="flex flex-col gap-3 sm:flex-row">
            <button
              type="submit"
              disabled={state.status === "sending" || level !== undefined}
              className="min-h-12 flex-1 rounded-md bg-primary px-5 text-lg font-semibold text-primary-foreground"
            >
              Send my answers
            </button>
            {onLater ? (
              <button
                type="button"
                onClick={onLater}
                aria-describedby={postponesLeft ? "postpones-left" : undefined}
                className="min-h-12 rounded-md border-2 border-border px-4 text-lg"
              >
                Answer later
              </button>
            ) : null}
          </div>
          {onLater && postponesLeft !== undefined && postponesLeft > 0 ? (
            <p id="postpones-left" className="text-muted-foreground">
              You can put this off {postponesLeft === 1 ? "once" : "twice"} more this week.
            </p>
          ) : null}
        </form>
      </section>
    </div>
  );
}
