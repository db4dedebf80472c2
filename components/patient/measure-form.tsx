"use client";

import Link from "next/link";
import { useState } from "react";
import { SavedNote, useSubmission } from "./use-submission";

type Answer =
  | { type: "scale"; min: number; max: number; minLabel: string; maxLabel: string }
  | { type: "choice"; options: { value: number; label: string }[] };

export interface DueForm {
  scheduleId: string;
  occurrenceDay: string;
  measureId: string;
  name: string;
  shortName: string;
  instructions: string;
  items: { id: string; text: string; answer: Answer }[];
}

/** "As well as before" → "as well as before"; "I cannot" stays "I cannot". */
const lowerFirst = (text: string) =>
  /^I\b/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);

const range = (min: number, max: number) =>
  Array.from({ length: max - min + 1 }, (_, i) => min + i);

/** A scale of large radio buttons (like the pain scale); the chosen one is ticked, not only coloured. */
function ScaleQuestion(props: {
  name: string;
  legend: string;
  answer: Extract<Answer, { type: "scale" }>;
  value: number | undefined;
  onChange: (value: number) => void;
  missing: boolean;
}) {
  const { name, answer, value } = props;
  return (
    <fieldset
      className="min-w-0"
      aria-describedby={`${name}-anchors${props.missing ? ` ${name}-missing` : ""}`}
      aria-invalid={props.missing || undefined}
    >
      <legend className="text-lg leading-snug font-semibold">{props.legend}</legend>
      <p id={`${name}-anchors`} className="mt-1 text-muted-foreground">
        {answer.min} = {lowerFirst(answer.minLabel)}, {answer.max} = {lowerFirst(answer.maxLabel)}
      </p>
      <div className="mt-3 grid grid-cols-[repeat(auto-fill,minmax(3rem,1fr))] gap-2">
        {range(answer.min, answer.max).map((n) => (
          <label
            key={n}
            className="relative flex min-h-12 cursor-pointer items-center justify-center rounded-md border-2 border-border bg-background text-lg font-medium has-[:checked]:border-primary has-[:checked]:bg-primary has-[:checked]:font-bold has-[:checked]:text-primary-foreground has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring"
          >
            <input
              type="radio"
              name={name}
              value={n}
              checked={value === n}
              onChange={() => props.onChange(n)}
              className="absolute inset-0 size-full cursor-pointer opacity-0"
            />
            {value === n ? <span aria-hidden="true">✓&nbsp;</span> : null}
            {n}
          </label>
        ))}
      </div>
      {props.missing ? (
        <p id={`${name}-missing`} className="mt-2 font-medium text-danger">
          Please choose a number for this one.
        </p>
      ) : null}
    </fieldset>
  );
}

/** One answer from a list, each a full-width row. */
function ChoiceQuestion(props: {
  name: string;
  legend: string;
  answer: Extract<Answer, { type: "choice" }>;
  value: number | undefined;
  onChange: (value: number) => void;
  missing: boolean;
}) {
  const { name, value } = props;
  return (
    <fieldset
      className="min-w-0"
      aria-describedby={props.missing ? `${name}-missing` : undefined}
      aria-invalid={props.missing || undefined}
    >
      <legend className="text-lg leading-snug font-semibold">{props.legend}</legend>
      <div className="mt-3 space-y-2">
        {props.answer.options.map((o) => (
          <label
            key={o.value}
            className="relative flex min-h-12 cursor-pointer items-center gap-3 rounded-md border-2 border-border bg-background px-3 py-2 has-[:checked]:border-primary has-[:checked]:bg-primary-soft has-[:checked]:font-bold has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring"
          >
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => props.onChange(o.value)}
              className="size-5 shrink-0 accent-primary"
            />
            <span>{o.label}</span>
            {value === o.value ? <span aria-hidden="true">✓</span> : null}
          </label>
        ))}
      </div>
      {props.missing ? (
        <p id={`${name}-missing`} className="mt-2 font-medium text-danger">
          Please choose one answer.
        </p>
      ) : null}
    </fieldset>
  );
}

/**
 * One due questionnaire on the phone. The answers go through the outbox like every answer, under
 * a key made when the patient taps Send: kept on the phone when offline and sent once. A refused
 * answer keeps what the patient chose.
 */
export function MeasureForm({ form }: { form: DueForm }) {
  const [values, setValues] = useState<Record<string, number>>({});
  const [tried, setTried] = useState(false);
  const { state, send } = useSubmission();
  const missing = form.items.filter((i) => values[i.id] === undefined);

  if (state.status === "sent" || state.status === "queued") {
    return (
      <section
        aria-labelledby={`measure-${form.scheduleId}-done`}
        className="rounded-lg border border-success/40 bg-success-soft p-4 text-success"
      >
        <h2 id={`measure-${form.scheduleId}-done`} className="text-xl font-semibold">
          <span aria-hidden="true">✓ </span>Thank you
        </h2>
        <p className="mt-1">
          Your answers to the {form.name} are saved. Your clinician will see them.
        </p>
        <SavedNote state={state} />
        <p className="mt-3">
          <Link href="/p" className="font-semibold">
            Back to today&apos;s plan
          </Link>
        </p>
      </section>
    );
  }

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setTried(true);
    if (missing.length > 0) {
      document.getElementsByName(`q-${form.scheduleId}-${missing[0]!.id}`)[0]?.focus();
      return;
    }
    await send({
      path: "measures.answer",
      input: {
        scheduleId: form.scheduleId,
        occurrenceDay: form.occurrenceDay,
        answers: form.items.map((i) => ({ itemId: i.id, value: values[i.id]! })),
      },
      label: `Your answers to the ${form.name}`,
    });
  }

  return (
    <section
      aria-labelledby={`measure-${form.scheduleId}-heading`}
      className="rounded-lg border-2 border-primary/40 p-4"
    >
      <h2 id={`measure-${form.scheduleId}-heading`} className="text-xl font-semibold">
        {form.name}
      </h2>
      <p className="mt-1">{form.instructions}</p>
      <form onSubmit={save} className="mt-4 space-y-6" noValidate>
        {form.items.map((item) => {
          const props = {
            name: `q-${form.scheduleId}-${item.id}`,
            legend: item.text,
            value: values[item.id],
            onChange: (value: number) => setValues((v) => ({ ...v, [item.id]: value })),
            missing: tried && values[item.id] === undefined,
          };
          return item.answer.type === "scale" ? (
            <ScaleQuestion key={item.id} {...props} answer={item.answer} />
          ) : (
            <ChoiceQuestion key={item.id} {...props} answer={item.answer} />
          );
        })}
        {tried && missing.length > 0 ? (
          <p role="alert" className="font-medium text-danger">
            {missing.length === 1
              ? "One question still needs an answer."
              : `${missing.length} questions still need an answer.`}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={state.status === "sending"}
          className="min-h-12 w-full rounded-md bg-primary px-5 text-lg font-semibold text-primary-foreground"
        >
          {state.status === "sending" ? "Sending…" : "Send my answers"}
        </button>
        <SavedNote state={state} />
      </form>
    </section>
  );
}
