"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Field, FormAlert } from "@/components/team/field";
import { serverFieldErrors } from "@/components/team/server-errors";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { type GoalFieldsInput, ZGoalFields } from "@/lib/schemas/goals-notes";

const FIELDS = ["what", "measure", "target", "targetDay"] as const;

/**
 * A SMART goal written with the patient: what, how it is measured, the target, the day. Creates a
 * goal, or rewords `goal` when given. What the clinician typed stays in the form whatever the
 * server says; only a saved new goal clears it.
 */
export function GoalForm({
  patientId,
  goal,
  onDone,
}: {
  patientId: string;
  goal?: { id: string; what: string; measure: string; target: string; targetDay: string };
  onDone?: () => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const prefix = goal ? `goal-${goal.id}` : "new-goal";
  const form = useForm<GoalFieldsInput>({
    resolver: zodResolver(ZGoalFields),
    mode: "onTouched",
    defaultValues: goal
      ? {
          what: goal.what,
          measure: goal.measure,
          target: goal.target,
          targetDay: goal.targetDay,
        }
      : { what: "", measure: "", target: "", targetDay: "" },
  });
  const create = useMutation(trpc.goals.create.mutationOptions());
  const update = useMutation(trpc.goals.update.mutationOptions());
  const { errors } = form.formState;

  async function onSubmit(values: GoalFieldsInput) {
    setFormError(null);
    setSaved(false);
    const fields = {
      what: values.what,
      measure: values.measure,
      target: values.target,
      targetDay: values.targetDay,
    };
    try {
      if (goal) await update.mutateAsync({ goalId: goal.id, ...fields });
      else {
        await create.mutateAsync({ patientId, ...fields });
        form.reset();
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
      aria-label={goal ? "Edit goal" : "New goal"}
    >
      <Field
        id={`${prefix}-what`}
        label="Goal: what the patient wants to do"
        hint="In the patient's words, for example “walk the dog to the park and back”."
        error={errors.what?.message}
        control={(aria) => <Input {...aria} autoComplete="off" {...form.register("what")} />}
      />
      <Field
        id={`${prefix}-measure`}
        label="Measured by"
        error={errors.measure?.message}
        control={(aria) => <Input {...aria} autoComplete="off" {...form.register("measure")} />}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          id={`${prefix}-target`}
          label="Target"
          error={errors.target?.message}
          control={(aria) => <Input {...aria} autoComplete="off" {...form.register("target")} />}
        />
        <Field
          id={`${prefix}-day`}
          label="Reach it by"
          error={errors.targetDay?.message}
          control={(aria) => <Input {...aria} type="date" {...form.register("targetDay")} />}
        />
      </div>
      <div role="status" aria-live="polite">
        {saved && !goal ? <p className="text-sm text-success">Goal added.</p> : null}
      </div>
      <FormAlert message={formError} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Saving…" : goal ? "Save goal" : "Add goal"}
        </Button>
        {goal && onDone ? (
          <Button type="button" variant="secondary" onClick={onDone}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
