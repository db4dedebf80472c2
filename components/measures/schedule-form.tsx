"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert } from "@/components/team/field";
import { serverFieldErrors } from "@/components/team/server-errors";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/input";

type Kind = "start" | "interval" | "discharge";

const KIND_LABELS: Record<Kind, string> = {
  start: "Once, at the start",
  interval: "Every few weeks",
  discharge: "Once, at discharge (before the last visit: the link ends at discharge)",
};

export interface SchedulableMeasure {
  id: string;
  name: string;
  shortName: string;
  schedule: Kind[];
  patientSpecific: { minItems: number; maxItems: number } | null;
}

/**
 * Schedules a measure for the patient; for the PSFS, the activities named with the patient come
 * first (saved, then the schedule). Everything typed stays when the server says no.
 */
export function ScheduleMeasureForm(props: {
  patientId: string;
  today: string;
  measures: SchedulableMeasure[];
  activities: Record<string, { text: string }[]>;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [measureId, setMeasureId] = useState(props.measures[0]?.id ?? "");
  const measure = props.measures.find((m) => m.id === measureId);
  const current = props.activities[measureId]?.map((a) => a.text) ?? [];
  const slots = measure?.patientSpecific?.maxItems ?? 0;
  const [activities, setActivities] = useState<Record<string, string[]>>(() =>
    Object.fromEntries(
      props.measures.map((m) => [
        m.id,
        Array.from(
          { length: m.patientSpecific?.maxItems ?? 0 },
          (_, i) => props.activities[m.id]?.[i]?.text ?? "",
        ),
      ]),
    ),
  );
  const [kind, setKind] = useState<Kind>(
    measure?.schedule.includes("interval") ? "interval" : "discharge",
  );
  const [everyWeeks, setEveryWeeks] = useState("2");
  const [firstDay, setFirstDay] = useState(props.today);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const saveActivities = useMutation(trpc.measures.setActivities.mutationOptions());
  const schedule = useMutation(trpc.measures.schedule.mutationOptions());
  const pending = saveActivities.isPending || schedule.isPending;
  const kinds = measure?.schedule ?? [];
  const chosenKind = kinds.includes(kind) ? kind : kinds[0]!;
  const typed = (activities[measureId] ?? []).map((a) => a.trim()).filter(Boolean);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setAlert(null);
    setDone(null);
    const found: Record<string, string> = {};
    if (measure?.patientSpecific && typed.length < measure.patientSpecific.minItems) {
      found.activities = "Name at least one activity the patient finds hard, in their words.";
    }
    if (chosenKind === "interval" && !(Number(everyWeeks) >= 1 && Number(everyWeeks) <= 52)) {
      found.everyWeeks = "Say every how many weeks, from 1 to 52.";
    }
    if (!firstDay) found.firstDay = "Choose the first day.";
    setErrors(found);
    if (Object.keys(found).length > 0 || !measure) return;
    try {
      const changed = typed.length !== current.length || typed.some((t, i) => t !== current[i]);
      if (measure.patientSpecific && changed) {
        await saveActivities.mutateAsync({
          patientId: props.patientId,
          measureId,
          activities: typed,
        });
      }
      await schedule.mutateAsync({
        patientId: props.patientId,
        measureId,
        kind: chosenKind,
        everyWeeks: chosenKind === "interval" ? Number(everyWeeks) : null,
        firstDay,
      });
      setDone(`The ${measure.shortName} is scheduled.`);
      router.refresh();
    } catch (error) {
      setErrors(serverFieldErrors(error));
      setAlert(errorMessage(error));
    }
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby="schedule-measure-heading"
      className="space-y-4"
    >
      <h3 id="schedule-measure-heading" className="font-semibold">
        Schedule a measure
      </h3>
      <div>
        <Label htmlFor="measure-id">Measure</Label>
        <select
          id="measure-id"
          value={measureId}
          onChange={(e) => setMeasureId(e.target.value)}
          className="mt-1 min-h-11 w-full rounded-md border border-border bg-background px-3"
        >
          {props.measures.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} ({m.shortName})
            </option>
          ))}
        </select>
      </div>

      {measure?.patientSpecific ? (
        <fieldset
          aria-describedby={`activities-hint${errors.activities ? " activities-error" : ""}`}
          className="space-y-2"
        >
          <legend className="text-sm font-medium">Activities named with the patient</legend>
          <p id="activities-hint" className="text-sm text-muted-foreground">
            Up to {slots} things the patient finds hard because of their knee, in their words
            (&ldquo;climb stairs&rdquo;, &ldquo;run for 20 minutes&rdquo;). The patient rates each
            from 0 to 10. Changing them later starts new questions; earlier answers keep theirs.
          </p>
          {(activities[measureId] ?? []).map((value, i) => (
            <div key={i}>
              <Label htmlFor={`activity-${i}`} className="sr-only">
                Activity {i + 1}
              </Label>
              <Input
                id={`activity-${i}`}
                value={value}
                maxLength={120}
                placeholder={`Activity ${i + 1}${i === 0 ? "" : " (optional)"}`}
                aria-invalid={errors.activities && i === 0 ? true : undefined}
                onChange={(e) =>
                  setActivities((all) => ({
                    ...all,
                    [measureId]: (all[measureId] ?? []).map((a, j) =>
                      j === i ? e.target.value : a,
                    ),
                  }))
                }
              />
            </div>
          ))}
          <FieldError id="activities-error" message={errors.activities} />
        </fieldset>
      ) : null}

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">When</legend>
        {kinds.map((k) => (
          <label key={k} className="flex min-h-11 items-center gap-2">
            <input
              type="radio"
              name="measure-kind"
              value={k}
              checked={chosenKind === k}
              onChange={() => setKind(k)}
              className="size-4 accent-primary"
            />
            {KIND_LABELS[k]}
          </label>
        ))}
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        {chosenKind === "interval" ? (
          <div>
            <Label htmlFor="every-weeks">Every how many weeks</Label>
            <Input
              id="every-weeks"
              type="number"
              inputMode="numeric"
              min={1}
              max={52}
              value={everyWeeks}
              onChange={(e) => setEveryWeeks(e.target.value)}
              aria-invalid={errors.everyWeeks ? true : undefined}
              aria-describedby={errors.everyWeeks ? "every-weeks-error" : undefined}
              className="mt-1"
            />
            <FieldError id="every-weeks-error" message={errors.everyWeeks} />
          </div>
        ) : null}
        <div>
          <Label htmlFor="first-day">
            {chosenKind === "interval" ? "First day" : "Day"} (the patient&apos;s calendar)
          </Label>
          <Input
            id="first-day"
            type="date"
            min={props.today}
            value={firstDay}
            onChange={(e) => setFirstDay(e.target.value)}
            aria-invalid={errors.firstDay ? true : undefined}
            aria-describedby={errors.firstDay ? "first-day-error" : undefined}
            className="mt-1"
          />
          <FieldError id="first-day-error" message={errors.firstDay} />
        </div>
      </div>

      <FormAlert message={alert} />
      {done ? (
        <p role="status" className="text-success">
          <span aria-hidden="true">✓ </span>
          {done}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Scheduling…" : "Schedule"}
      </Button>
    </form>
  );
}

/** Stops a schedule from today; answers already given stay. */
export function CancelScheduleButton(props: {
  patientId: string;
  scheduleId: string;
  label: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const cancel = useMutation(
    trpc.measures.cancel.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button
        type="button"
        variant="secondary"
        size="sm"
        disabled={cancel.isPending}
        aria-label={`Cancel ${props.label}`}
        onClick={() => cancel.mutate({ patientId: props.patientId, scheduleId: props.scheduleId })}
      >
        Cancel
      </Button>
      {cancel.error ? (
        <span role="alert" className="text-sm text-danger">
          {errorMessage(cancel.error)}
        </span>
      ) : null}
    </span>
  );
}
