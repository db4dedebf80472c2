"use client";

import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent, type ReactNode } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Button, buttonVariants } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/input";
import {
  BODY_REGIONS,
  CONDITIONS,
  EXERCISE_CATEGORIES,
  SIDEDNESS,
  type Condition,
} from "@/db/schema/enums";
import {
  BODY_REGION_LABELS,
  CATEGORY_LABELS,
  CONDITION_LABELS,
  SIDEDNESS_HINTS,
  SIDEDNESS_LABELS,
} from "@/lib/labels";
import { ZExerciseInput, type ExerciseInput } from "@/lib/schemas/exercise-input";
import { figureFromChoice, NO_FIGURE, type FigureChoice, type FigureOption } from "./figure-choice";
import { FigureFieldset } from "./figure-fieldset";

/** What the form holds: text as typed, so nothing is lost or reformatted while editing. */
export interface ExerciseFormValues {
  name: string;
  category: string;
  /** How it is done; empty until the admin chooses (no default: it decides patients' sides). */
  sidedness: string;
  bodyRegion: string;
  targetStructure: string;
  summary: string;
  steps: string;
  whatToFeel: string;
  stopIf: string;
  cautions: string;
  conditions: Condition[];
  defaultSets: string;
  defaultReps: string;
  defaultHoldSeconds: string;
  defaultRestSeconds: string;
  defaultDurationSeconds: string;
  defaultSessionsPerDay: string;
  defaultDaysPerWeek: string;
  /** The illustration: no drawing, or a ready-made movement (issue 14). */
  figure: FigureChoice;
}

export const EMPTY_EXERCISE: ExerciseFormValues = {
  name: "",
  category: "",
  sidedness: "",
  bodyRegion: "",
  targetStructure: "",
  summary: "",
  steps: "",
  whatToFeel: "",
  stopIf: "",
  cautions: "",
  conditions: [],
  defaultSets: "",
  defaultReps: "",
  defaultHoldSeconds: "",
  defaultRestSeconds: "",
  defaultDurationSeconds: "",
  defaultSessionsPerDay: "1",
  defaultDaysPerWeek: "7",
  figure: NO_FIGURE,
};

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
const numberOrNull = (text: string) => (text.trim() === "" ? null : Number(text));

function toInput(v: ExerciseFormValues, figures: readonly FigureOption[]): unknown {
  return {
    ...v,
    steps: lines(v.steps),
    cautions: lines(v.cautions),
    defaultSets: numberOrNull(v.defaultSets),
    defaultReps: numberOrNull(v.defaultReps),
    defaultHoldSeconds: numberOrNull(v.defaultHoldSeconds),
    defaultRestSeconds: numberOrNull(v.defaultRestSeconds),
    defaultDurationSeconds: numberOrNull(v.defaultDurationSeconds),
    defaultSessionsPerDay: numberOrNull(v.defaultSessionsPerDay),
    defaultDaysPerWeek: numberOrNull(v.defaultDaysPerWeek),
    figure: figureFromChoice(v.figure, figures),
  };
}

type Errors = Partial<Record<keyof ExerciseFormValues, string>>;

function validate(
  v: ExerciseFormValues,
  figures: readonly FigureOption[],
): { input: ExerciseInput | null; errors: Errors } {
  const result = ZExerciseInput.safeParse(toInput(v, figures));
  if (result.success) return { input: result.data, errors: {} };
  const errors: Errors = {};
  for (const issue of result.error.issues) {
    const key = issue.path[0] as keyof ExerciseFormValues;
    errors[key] ??= issue.message;
  }
  return { input: null, errors };
}

const FORM_FIELDS = new Set(Object.keys(EMPTY_EXERCISE));

/**
 * The server's messages: by field where it names one of the form's, else (an edit's messages come
 * keyed by the whole "exercise") in a list for the message above the buttons.
 */
function serverErrors(error: unknown): { fields: Errors; other: string[] } {
  const out = { fields: {} as Errors, other: [] as string[] };
  if (!(error instanceof TRPCClientError)) return out;
  const fields =
    (error.data as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors ?? {};
  for (const [key, messages] of Object.entries(fields)) {
    const field = key.startsWith("exercise.") ? key.slice(9) : key;
    if (!messages?.[0]) continue;
    if (FORM_FIELDS.has(field)) out.fields[field as keyof ExerciseFormValues] = messages[0];
    else out.other.push(...messages);
  }
  return out;
}

const selectClass =
  "mt-1 min-h-11 w-full rounded-md border border-border bg-background px-2 text-base aria-[invalid=true]:border-danger";
const textareaClass =
  "mt-1 w-full rounded-md border border-border bg-background p-3 text-base aria-[invalid=true]:border-danger";

/** Create or edit a clinic exercise. Errors show as you go and after the server answers; input stays. */
export function ExerciseForm({
  exerciseId,
  initial,
  figureOptions,
}: {
  exerciseId?: string;
  initial: ExerciseFormValues;
  /** The ready-made movements (and a saved drawing that is none of them). */
  figureOptions: FigureOption[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Partial<Record<keyof ExerciseFormValues, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const { input, errors } = useMemo(() => validate(values, figureOptions), [values, figureOptions]);
  const onSaved = ({ id }: { id: string }) => {
    router.push(`/library/${id}`);
    router.refresh();
  };
  const create = useMutation(trpc.library.create.mutationOptions({ onSuccess: onSaved }));
  const update = useMutation(trpc.library.update.mutationOptions({ onSuccess: onSaved }));
  const mutation = exerciseId ? update : create;
  const { fields: fromServer, other: otherFromServer } = serverErrors(mutation.error);

  const shown = (key: keyof ExerciseFormValues) =>
    ((submitted || touched[key]) && errors[key]) || fromServer[key];
  const set = <K extends keyof ExerciseFormValues>(key: K, value: ExerciseFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const touch = (key: keyof ExerciseFormValues) => setTouched((t) => ({ ...t, [key]: true }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!input) return;
    if (exerciseId) update.mutate({ exerciseId, exercise: input });
    else create.mutate(input);
  }

  const field = (
    key: keyof ExerciseFormValues,
    label: string,
    control: (props: {
      id: string;
      "aria-invalid"?: boolean;
      "aria-describedby"?: string;
    }) => ReactNode,
    hint?: string,
  ) => {
    const error = shown(key);
    const id = `exercise-${key}`;
    const describedBy =
      [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") ||
      undefined;
    return (
      <div>
        <Label htmlFor={id}>{label}</Label>
        {hint ? (
          <p id={`${id}-hint`} className="text-sm text-muted-foreground">
            {hint}
          </p>
        ) : null}
        {control({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
        <FieldError id={`${id}-error`} message={error || undefined} />
      </div>
    );
  };

  const text = (key: keyof ExerciseFormValues, label: string, hint?: string) =>
    field(
      key,
      label,
      (p) => (
        <Input
          {...p}
          value={values[key] as string}
          onChange={(e) => set(key, e.target.value as never)}
          onBlur={() => touch(key)}
          className="mt-1"
        />
      ),
      hint,
    );
  const area = (key: keyof ExerciseFormValues, label: string, rows: number, hint?: string) =>
    field(
      key,
      label,
      (p) => (
        <textarea
          {...p}
          rows={rows}
          className={textareaClass}
          value={values[key] as string}
          onChange={(e) => set(key, e.target.value as never)}
          onBlur={() => touch(key)}
        />
      ),
      hint,
    );
  const count = (key: keyof ExerciseFormValues, label: string) =>
    field(key, label, (p) => (
      <Input
        {...p}
        inputMode="numeric"
        value={values[key] as string}
        onChange={(e) => set(key, e.target.value as never)}
        onBlur={() => touch(key)}
        className="mt-1"
      />
    ));

  const invalidCount = submitted ? Object.keys(errors).length : 0;

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-6">
      {invalidCount > 0 ? (
        <p
          role="alert"
          className="rounded-md border border-danger/30 bg-danger-soft p-3 text-danger"
        >
          {invalidCount === 1 ? "One field needs" : `${invalidCount} fields need`} fixing before
          saving: see the messages below.
        </p>
      ) : null}
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-lg font-semibold">About the exercise</legend>
        {text("name", "Name")}
        {text("targetStructure", "Target (nerve or muscle group)")}
        {field("category", "Category", (p) => (
          <select
            {...p}
            className={selectClass}
            value={values.category}
            onChange={(e) => set("category", e.target.value)}
            onBlur={() => touch("category")}
          >
            <option value="">Choose…</option>
            {EXERCISE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
        ))}
        {field("bodyRegion", "Body region", (p) => (
          <select
            {...p}
            className={selectClass}
            value={values.bodyRegion}
            onChange={(e) => set("bodyRegion", e.target.value)}
            onBlur={() => touch("bodyRegion")}
          >
            <option value="">Choose…</option>
            {BODY_REGIONS.map((r) => (
              <option key={r} value={r}>
                {BODY_REGION_LABELS[r]}
              </option>
            ))}
          </select>
        ))}
        <fieldset
          className="sm:col-span-2"
          aria-describedby={shown("sidedness") ? "exercise-sidedness-error" : undefined}
        >
          <legend className="text-sm font-medium">How it is done</legend>
          <p className="text-sm text-muted-foreground">
            Decides the side a program starts on and the words the patient reads.
          </p>
          <div className="mt-1 grid gap-2 sm:grid-cols-3">
            {SIDEDNESS.map((how) => (
              <label
                key={how}
                className="flex min-h-11 items-start gap-2 rounded-md border border-border p-2 has-[:checked]:border-primary has-[:checked]:bg-primary-soft"
              >
                <input
                  type="radio"
                  name="sidedness"
                  value={how}
                  className="mt-1 size-5 shrink-0"
                  checked={values.sidedness === how}
                  onChange={() => set("sidedness", how)}
                  onBlur={() => touch("sidedness")}
                  aria-describedby={`exercise-sidedness-${how}-hint`}
                />
                <span>
                  <span className="font-medium">{SIDEDNESS_LABELS[how]}</span>
                  <span
                    id={`exercise-sidedness-${how}-hint`}
                    className="block text-sm text-muted-foreground"
                  >
                    {SIDEDNESS_HINTS[how]}
                  </span>
                </span>
              </label>
            ))}
          </div>
          <FieldError id="exercise-sidedness-error" message={shown("sidedness") || undefined} />
        </fieldset>
        <div className="sm:col-span-2">{text("summary", "One-line summary for the patient")}</div>
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-medium">Suits these conditions</legend>
          <div className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
            {CONDITIONS.map((c) => (
              <label key={c} className="flex min-h-11 items-center gap-2">
                <input
                  type="checkbox"
                  className="size-5"
                  checked={values.conditions.includes(c)}
                  onChange={(e) =>
                    set(
                      "conditions",
                      e.target.checked
                        ? [...values.conditions, c]
                        : values.conditions.filter((x) => x !== c),
                    )
                  }
                />
                {CONDITION_LABELS[c]}
              </label>
            ))}
          </div>
        </fieldset>
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="mb-2 text-lg font-semibold">
          How to do it, in the patient&apos;s words
        </legend>
        {area("steps", "Steps", 6, "One step per line; they are numbered for the patient.")}
        {area("whatToFeel", "What the patient should feel", 2)}
        {area("stopIf", "Stop if…", 2)}
        {area("cautions", "Cautions", 3, "One per line. Leave empty if there are none.")}
      </fieldset>

      <FigureFieldset
        value={values.figure}
        options={figureOptions}
        error={shown("figure") || undefined}
        onChange={(figure) => set("figure", figure)}
      />

      <fieldset className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        <legend className="mb-2 text-lg font-semibold">Default dose</legend>
        {count("defaultSets", "Sets")}
        {count("defaultReps", "Reps")}
        {count("defaultHoldSeconds", "Hold (s)")}
        {count("defaultRestSeconds", "Rest (s)")}
        {count("defaultDurationSeconds", "Duration (s)")}
        {count("defaultSessionsPerDay", "Sessions a day")}
        {count("defaultDaysPerWeek", "Days a week")}
      </fieldset>

      {mutation.error && Object.keys(fromServer).length === 0 ? (
        <p role="alert" className="text-danger">
          {otherFromServer.length > 0 ? otherFromServer.join(" ") : errorMessage(mutation.error)}{" "}
          Your changes are still here.
        </p>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : exerciseId ? "Save changes" : "Create exercise"}
        </Button>
        <Link
          href={exerciseId ? `/library/${exerciseId}` : "/library"}
          className={buttonVariants({ variant: "secondary" })}
        >
          Cancel
        </Link>
      </div>
    </form>
  );
}
