"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Button, buttonVariants } from "@/components/ui/button";
import { serverFieldErrors } from "@/components/ui/field-errors";
import { FieldError, Input, Label } from "@/components/ui/input";
import { CONDITIONS, SIDES } from "@/db/schema/enums";
import { CONDITION_LABELS, SIDE_LABELS } from "@/lib/labels";
import { ZPatientInput } from "@/lib/schemas/patient";

export interface PatientFormValues {
  displayName: string;
  yearOfBirth: string;
  condition: string;
  affectedSide: string;
  timeZone: string;
  primaryClinicianId: string;
}

type Key = keyof PatientFormValues;

const selectClass =
  "mt-1 min-h-11 w-full rounded-md border border-border bg-background px-2 text-base aria-[invalid=true]:border-danger";

function validate(values: PatientFormValues) {
  const result = ZPatientInput.safeParse({
    ...values,
    yearOfBirth: values.yearOfBirth.trim() === "" ? undefined : Number(values.yearOfBirth),
  });
  if (result.success) return { input: result.data, errors: {} as Partial<Record<Key, string>> };
  const errors: Partial<Record<Key, string>> = {};
  for (const issue of result.error.issues) errors[issue.path[0] as Key] ??= issue.message;
  return { input: null, errors };
}

/** Add or edit a patient. Messages show as fields are left and after the server answers. */
export function PatientForm({
  patientId,
  initial,
  clinicians,
  timeZones,
}: {
  patientId?: string;
  initial: PatientFormValues;
  clinicians: { id: string; name: string }[];
  timeZones: string[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Partial<Record<Key, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const { input, errors } = useMemo(() => validate(values), [values]);
  const onSaved = ({ id }: { id: string }) => {
    router.push(`/patients/${id}`);
    router.refresh();
  };
  const create = useMutation(trpc.patients.create.mutationOptions({ onSuccess: onSaved }));
  const update = useMutation(trpc.patients.update.mutationOptions({ onSuccess: onSaved }));
  const mutation = patientId ? update : create;
  const fromServer = serverFieldErrors(mutation.error, "patient.");
  const shown = (key: Key) => ((submitted || touched[key]) && errors[key]) || fromServer[key];
  const set = (key: Key, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const touch = (key: Key) => setTouched((t) => ({ ...t, [key]: true }));
  const a11y = (key: Key) => ({
    id: `patient-${key}`,
    "aria-invalid": shown(key) ? true : undefined,
    "aria-describedby": shown(key) ? `patient-${key}-error` : undefined,
    onBlur: () => touch(key),
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!input) return;
    if (patientId) update.mutate({ patientId, patient: input });
    else create.mutate(input);
  }

  return (
    <form
      method="post"
      onSubmit={onSubmit}
      noValidate
      className="grid max-w-2xl gap-4 sm:grid-cols-2"
    >
      <div className="sm:col-span-2">
        <Label htmlFor="patient-displayName">Name</Label>
        <Input
          {...a11y("displayName")}
          autoComplete="off"
          value={values.displayName}
          onChange={(e) => set("displayName", e.target.value)}
          className="mt-1"
        />
        <FieldError id="patient-displayName-error" message={shown("displayName") || undefined} />
      </div>
      <div>
        <Label htmlFor="patient-yearOfBirth">Year of birth</Label>
        <Input
          {...a11y("yearOfBirth")}
          inputMode="numeric"
          autoComplete="off"
          value={values.yearOfBirth}
          onChange={(e) => set("yearOfBirth", e.target.value)}
          className="mt-1"
        />
        <FieldError id="patient-yearOfBirth-error" message={shown("yearOfBirth") || undefined} />
      </div>
      <div>
        <Label htmlFor="patient-condition">Condition</Label>
        <select
          {...a11y("condition")}
          className={selectClass}
          value={values.condition}
          onChange={(e) => set("condition", e.target.value)}
        >
          <option value="">Choose…</option>
          {CONDITIONS.map((c) => (
            <option key={c} value={c}>
              {CONDITION_LABELS[c]}
            </option>
          ))}
        </select>
        <FieldError id="patient-condition-error" message={shown("condition") || undefined} />
      </div>
      <div>
        <Label htmlFor="patient-affectedSide">Affected side</Label>
        <select
          {...a11y("affectedSide")}
          className={selectClass}
          value={values.affectedSide}
          onChange={(e) => set("affectedSide", e.target.value)}
        >
          <option value="">Choose…</option>
          {SIDES.map((s) => (
            <option key={s} value={s}>
              {SIDE_LABELS[s]}
            </option>
          ))}
        </select>
        <FieldError id="patient-affectedSide-error" message={shown("affectedSide") || undefined} />
      </div>
      <div>
        <Label htmlFor="patient-timeZone">Time zone</Label>
        <Input
          {...a11y("timeZone")}
          list="time-zones"
          value={values.timeZone}
          onChange={(e) => set("timeZone", e.target.value)}
          className="mt-1"
        />
        <datalist id="time-zones">
          {timeZones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <FieldError id="patient-timeZone-error" message={shown("timeZone") || undefined} />
      </div>
      <div className="sm:col-span-2">
        <Label htmlFor="patient-primaryClinicianId">Primary clinician</Label>
        <select
          {...a11y("primaryClinicianId")}
          className={selectClass}
          value={values.primaryClinicianId}
          onChange={(e) => set("primaryClinicianId", e.target.value)}
        >
          {clinicians.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <FieldError
          id="patient-primaryClinicianId-error"
          message={shown("primaryClinicianId") || undefined}
        />
      </div>
      {mutation.error && Object.keys(fromServer).length === 0 ? (
        <p role="alert" className="text-danger sm:col-span-2">
          {errorMessage(mutation.error)} What you typed is still here.
        </p>
      ) : null}
      <div className="flex flex-wrap gap-3 sm:col-span-2">
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : patientId ? "Save changes" : "Add patient"}
        </Button>
        <Link
          href={patientId ? `/patients/${patientId}` : "/patients"}
          className={buttonVariants({ variant: "secondary" })}
        >
          Cancel
        </Link>
      </div>
    </form>
  );
}
