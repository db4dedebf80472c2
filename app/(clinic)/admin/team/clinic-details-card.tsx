"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { EmailField, Field, FormAlert } from "@/components/team/field";
import { serverFieldErrors } from "@/components/team/server-errors";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import {
  ZUpdateClinicDetailsInput,
  type UpdateClinicDetailsInput,
} from "@/server/routers/clinic-schemas";
import type { ClinicSettings } from "./types";

const FIELDS = ["phone", "email", "emergencyNumber"] as const;

/**
 * The contact details patients are shown and the number their emergency advice tells them to
 * call. The form keeps what the admin typed when the server says no.
 */
export function ClinicDetailsCard({ clinic }: { clinic: ClinicSettings["clinic"] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<UpdateClinicDetailsInput>({
    resolver: zodResolver(ZUpdateClinicDetailsInput),
    mode: "onTouched",
    defaultValues: {
      phone: clinic.phone ?? "",
      email: clinic.email ?? "",
      emergencyNumber: clinic.emergencyNumber,
    },
  });
  const update = useMutation(trpc.clinic.updateDetails.mutationOptions());
  const { errors } = form.formState;

  async function onSubmit(values: UpdateClinicDetailsInput) {
    setFormError(null);
    setSaved(false);
    try {
      const result = await update.mutateAsync(values);
      form.reset({
        phone: result.phone ?? "",
        email: result.email ?? "",
        emergencyNumber: result.emergencyNumber,
      });
      setSaved(true);
      router.refresh();
    } catch (error) {
      const fields = serverFieldErrors(error);
      for (const name of FIELDS) {
        const message = fields[name];
        if (message) form.setError(name, { type: "server", message }, { shouldFocus: true });
      }
      if (!FIELDS.some((name) => fields[name])) setFormError(errorMessage(error));
    }
  }

  return (
    <Card aria-labelledby="clinic-details-heading">
      <CardTitle id="clinic-details-heading">Clinic details</CardTitle>
      <p className="mt-1 text-sm text-muted-foreground">
        What {clinic.name}&apos;s patients see: the number to phone with urgent symptoms and the
        emergency number their advice tells them to call.
      </p>
      <form
        method="post"
        onSubmit={form.handleSubmit(onSubmit)}
        noValidate
        className="mt-4 space-y-4"
        onChange={() => setSaved(false)}
      >
        <Field
          id="clinic-emergency-number"
          label="Emergency number"
          hint="Digits only, 2 to 6 of them: 999 in the UK, 112 in most of Europe, 911 in North America, 000 in Australia."
          error={errors.emergencyNumber?.message}
          control={(aria) => (
            <Input
              {...aria}
              inputMode="numeric"
              autoComplete="off"
              className="max-w-40"
              aria-required="true"
              {...form.register("emergencyNumber")}
            />
          )}
        />
        <Field
          id="clinic-phone"
          label="Clinic phone (optional)"
          hint="Patients with urgent symptoms are shown it to tap and call."
          error={errors.phone?.message}
          control={(aria) => (
            <Input {...aria} type="tel" autoComplete="off" {...form.register("phone")} />
          )}
        />
        <EmailField
          id="clinic-email"
          label="Clinic email (optional)"
          error={errors.email?.message}
          registration={form.register("email")}
        />
        <div role="status" aria-live="polite">
          {saved ? <p className="text-sm text-success">Saved.</p> : null}
        </div>
        <FormAlert message={formError} />
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Saving…" : "Save clinic details"}
        </Button>
      </form>
    </Card>
  );
}
