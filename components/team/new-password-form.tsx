"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { errorMessage } from "@/components/trpc/errors";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { checkPassword, PASSWORD_HINT } from "@/server/domain/password-policy";
import { ZPersonName } from "@/server/routers/team-schemas";
import { Field } from "./field";
import { serverFieldErrors } from "./server-errors";

export interface NewPasswordValues {
  name: string;
  password: string;
}

/**
 * Choosing a password (and, for an invitation, a name). Checks the same policy as the server while
 * the person types, shows the server's field messages when it still refuses, keeps what was typed,
 * and signs the person in once the server accepts.
 */
export function NewPasswordForm({
  email,
  knownName,
  askName,
  submitLabel,
  pendingLabel,
  submit,
}: {
  email: string;
  /** The account's name when it is not asked for (reset), so the policy can check against it. */
  knownName?: string;
  askName: boolean;
  submitLabel: string;
  pendingLabel: string;
  submit: (values: NewPasswordValues) => Promise<{ email: string }>;
}) {
  const router = useRouter();
  const [show, setShow] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [signInFailed, setSignInFailed] = useState(false);
  const schema = useMemo(
    () =>
      z
        .object({
          name: askName ? ZPersonName : z.string(),
          password: z.string(),
          confirm: z.string(),
        })
        .superRefine((v, ctx) => {
          const verdict = checkPassword(v.password, {
            email,
            name: askName ? v.name : knownName,
          });
          if (!verdict.ok) {
            ctx.addIssue({ code: "custom", path: ["password"], message: verdict.message });
          }
          if (v.confirm !== v.password) {
            ctx.addIssue({
              code: "custom",
              path: ["confirm"],
              message: v.confirm ? "The two passwords do not match." : "Type the password again.",
            });
          }
        }),
    [askName, email, knownName],
  );
  const form = useForm({
    resolver: zodResolver(schema),
    mode: "onTouched",
    defaultValues: { name: "", password: "", confirm: "" },
  });
  const { errors, isSubmitting } = form.formState;
  const length = [...useWatch({ control: form.control, name: "password" })].length;

  async function onSubmit(values: z.output<typeof schema>) {
    setFormError(null);
    let account: { email: string };
    try {
      account = await submit({ name: values.name, password: values.password });
    } catch (error) {
      const fields = serverFieldErrors(error);
      for (const [field, message] of Object.entries(fields)) {
        if (field === "name" || field === "password") {
          form.setError(field, { type: "server", message }, { shouldFocus: true });
        }
      }
      if (Object.keys(fields).length === 0) setFormError(errorMessage(error));
      return;
    }
    const result = await signIn("credentials", {
      email: account.email,
      password: values.password,
      redirect: false,
    }).catch(() => null);
    if (!result || result.error) {
      setSignInFailed(true);
      return;
    }
    router.replace("/patients");
    router.refresh();
  }

  if (signInFailed) {
    return (
      <div role="status" className="mt-6 rounded-md border border-success/30 bg-success-soft p-4">
        <p className="font-medium text-success">Your password is set.</p>
        <p className="mt-1">
          <Link href="/login">Sign in</Link> with {email} and your new password.
        </p>
      </div>
    );
  }

  return (
    <form
      method="post"
      onSubmit={form.handleSubmit(onSubmit)}
      noValidate
      className="mt-6 space-y-4"
    >
      <div>
        <p className="text-sm font-medium">Your sign-in</p>
        <p className="mt-1 break-all">{email}</p>
        {/* Lets password managers save the new password under the right account. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      </div>
      {askName ? (
        <Field
          id="name"
          label="Your name"
          hint="As colleagues will see it, e.g. Nia Okafor."
          error={errors.name?.message}
          control={(aria) => <Input {...aria} autoComplete="name" {...form.register("name")} />}
        />
      ) : null}
      <Field
        id="password"
        label="New password"
        hint={
          errors.password
            ? PASSWORD_HINT
            : `${PASSWORD_HINT} ${length} character${length === 1 ? "" : "s"} so far.`
        }
        error={errors.password?.message}
        control={(aria) => (
          <Input
            {...aria}
            type={show ? "text" : "password"}
            autoComplete="new-password"
            {...form.register("password")}
          />
        )}
      />
      <Field
        id="confirm"
        label="New password again"
        error={errors.confirm?.message}
        control={(aria) => (
          <Input
            {...aria}
            type={show ? "text" : "password"}
            autoComplete="new-password"
            {...form.register("confirm")}
          />
        )}
      />
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={show}
          onChange={(e) => setShow(e.target.checked)}
          className="size-5"
        />
        Show passwords
      </label>
      <div role="alert" aria-live="assertive">
        {formError ? <p className="text-sm text-danger">{formError}</p> : null}
      </div>
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? pendingLabel : submitLabel}
      </Button>
    </form>
  );
}
