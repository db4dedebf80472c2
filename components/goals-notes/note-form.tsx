"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { NoteFormat } from "@/db/schema/enums";
import { Field, FormAlert } from "@/components/team/field";
import { serverFieldErrors } from "@/components/team/server-errors";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { checkNote, ZNoteBase } from "@/lib/schemas/goals-notes";
import { Textarea } from "./textarea";
import { SOAP_PARTS } from "./words";

const ZNoteForm = ZNoteBase.superRefine(checkNote);

/** Every box of the form as text: the schema turns empty boxes into no text. */
interface NoteValues {
  day: string;
  format: NoteFormat;
  body: string;
  subjective: string;
  objective: string;
  assessment: string;
  plan: string;
}

const FIELDS = ["day", "body", "subjective", "objective", "assessment", "plan"] as const;

export interface NoteContent {
  number: number;
  day: string;
  format: NoteFormat;
  body: string | null;
  subjective: string | null;
  objective: string | null;
  assessment: string | null;
  plan: string | null;
}

/**
 * A clinical note, free text or SOAP. Writes a new note, or the next revision of `note` (its
 * author's edit). Nothing typed is lost when the server refuses: the boxes keep their text and the
 * message says what to fix; switching between free text and SOAP keeps both sets of boxes.
 */
export function NoteForm({
  patientId,
  today,
  note,
  onDone,
}: {
  patientId: string;
  /** The patient's today, the new note's default day. */
  today: string;
  note?: { id: string; current: NoteContent };
  onDone?: () => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const prefix = note ? `note-${note.id}` : "new-note";
  const current = note?.current;
  const empty: NoteValues = {
    day: today,
    format: "free",
    body: "",
    subjective: "",
    objective: "",
    assessment: "",
    plan: "",
  };
  const form = useForm<NoteValues>({
    resolver: zodResolver(ZNoteForm) as never,
    mode: "onSubmit",
    defaultValues: current
      ? {
          day: current.day,
          format: current.format,
          body: current.body ?? "",
          subjective: current.subjective ?? "",
          objective: current.objective ?? "",
          assessment: current.assessment ?? "",
          plan: current.plan ?? "",
        }
      : empty,
  });
  const create = useMutation(trpc.notes.create.mutationOptions());
  const edit = useMutation(trpc.notes.edit.mutationOptions());
  const format = useWatch({ control: form.control, name: "format" });
  const { errors } = form.formState;

  async function onSubmit() {
    setFormError(null);
    setSaved(false);
    // The form's own values, not the resolver's: the schema's output drops nothing the API needs.
    const values = form.getValues();
    try {
      if (note && current)
        await edit.mutateAsync({ noteId: note.id, baseRevision: current.number, ...values });
      else {
        await create.mutateAsync({ patientId, ...values });
        form.reset(empty);
      }
      setSaved(true);
      router.refresh();
      onDone?.();
    } catch (error) {
      const byField = serverFieldErrors(error);
      for (const name of FIELDS) {
        const message = byField[name];
        if (message) form.setError(name, { type: "server", message }, { shouldFocus: true });
      }
      if (!FIELDS.some((name) => byField[name])) setFormError(errorMessage(error));
    }
  }

  return (
    <form
      method="post"
      noValidate
      onSubmit={form.handleSubmit(onSubmit)}
      onChange={() => setSaved(false)}
      className="space-y-3"
      aria-label={note ? "Edit note" : "New note"}
    >
      <div className="flex flex-wrap items-end gap-4">
        <Field
          id={`${prefix}-day`}
          label="Day"
          error={errors.day?.message}
          control={(aria) => (
            <Input {...aria} type="date" className="w-auto" {...form.register("day")} />
          )}
        />
        <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
          <legend className="mb-1 text-sm font-medium">Kind of note</legend>
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" value="free" className="size-5" {...form.register("format")} />
            Free text
          </label>
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" value="soap" className="size-5" {...form.register("format")} />
            SOAP
          </label>
        </fieldset>
      </div>
      {format === "free" ? (
        <Field
          id={`${prefix}-body`}
          label="Note"
          error={errors.body?.message}
          control={(aria) => <Textarea {...aria} rows={5} {...form.register("body")} />}
        />
      ) : (
        <div className="grid gap-3 md:grid-cols-2">
          {SOAP_PARTS.map((part) => (
            <Field
              key={part.key}
              id={`${prefix}-${part.key}`}
              label={part.label}
              hint={part.hint}
              error={errors[part.key]?.message}
              control={(aria) => <Textarea {...aria} rows={3} {...form.register(part.key)} />}
            />
          ))}
        </div>
      )}
      <div role="status" aria-live="polite">
        {saved && !note ? <p className="text-sm text-success">Note saved.</p> : null}
      </div>
      <FormAlert message={formError} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Saving…" : note ? "Save changes" : "Add note"}
        </Button>
        {note && onDone ? (
          <Button type="button" variant="secondary" onClick={onDone}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
