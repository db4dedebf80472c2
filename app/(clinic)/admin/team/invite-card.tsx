"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { CopyLink } from "@/components/team/copy-link";
import { EmailField, FormAlert } from "@/components/team/field";
import { formatInstant, ROLE_LABELS } from "@/components/team/labels";
import { errorCode, serverFieldErrors } from "@/components/team/server-errors";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import type { Role } from "@/db/schema/enums";
import { ZInviteStaffInput } from "@/server/routers/team-schemas";

const ROLE_HELP: Record<Role, string> = {
  clinician: "Sees the clinic's patients and prescribes programs.",
  admin: "Also manages the team, the exercise library and templates.",
};

interface Invited {
  email: string;
  role: Role;
  url: string;
  expiresAt: Date;
  emailStatus: "sent" | "failed" | "off";
}

const EMAIL_STATUS_TEXT: Record<Invited["emailStatus"], (email: string) => string> = {
  sent: (email) => `We also emailed this link to ${email}.`,
  failed: () => "We could not send the email. Copy the link and send it to them yourself.",
  off: () => "Copy the link and send it to them (email sending is not set up).",
};

/** Invite by email; the new link is shown once, here, to copy. */
export function InviteCard({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [invited, setInvited] = useState<Invited | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    resolver: zodResolver(ZInviteStaffInput),
    mode: "onTouched",
    defaultValues: { email: "", role: "clinician" as Role },
  });
  const invite = useMutation(trpc.team.invite.mutationOptions());
  const { errors } = form.formState;

  async function onSubmit(values: { email: string; role: Role }) {
    setFormError(null);
    try {
      const result = await invite.mutateAsync(values);
      setInvited({
        email: result.email,
        role: result.role,
        url: `${window.location.origin}/invite/${result.token}`,
        expiresAt: result.expiresAt,
        emailStatus: result.emailStatus,
      });
      form.reset();
      router.refresh();
    } catch (error) {
      const fields = serverFieldErrors(error);
      if (fields.email) form.setError("email", { type: "server", message: fields.email });
      if (fields.role) form.setError("role", { type: "server", message: fields.role });
      if (errorCode(error) === "CONFLICT") {
        form.setError(
          "email",
          { type: "server", message: errorMessage(error) },
          { shouldFocus: true },
        );
      } else if (Object.keys(fields).length === 0) {
        setFormError(errorMessage(error));
      }
    }
  }

  return (
    <Card aria-labelledby="invite-heading">
      <CardTitle id="invite-heading">Invite someone</CardTitle>
      <p className="mt-1 text-sm text-muted-foreground">
        They get a link to choose their name and password. It works once, for 7 days, and their
        email address becomes their sign-in.
      </p>
      {invited ? (
        <div className="mt-4 rounded-md border border-primary/30 bg-primary-soft p-3">
          <p className="font-medium" role="status">
            Invitation created for {invited.email} ({ROLE_LABELS[invited.role].toLowerCase()}).
          </p>
          <div className="mt-2">
            <CopyLink
              key={invited.url}
              label="Invitation link (shown only now)"
              url={invited.url}
            />
          </div>
          <p className="mt-2 text-sm">
            {EMAIL_STATUS_TEXT[invited.emailStatus](invited.email)} It works until{" "}
            {formatInstant(invited.expiresAt, timeZone)}.
          </p>
        </div>
      ) : null}
      <form
        method="post"
        onSubmit={form.handleSubmit(onSubmit)}
        noValidate
        className="mt-4 space-y-4"
      >
        <EmailField
          id="invite-email"
          label="Email address"
          error={errors.email?.message}
          registration={form.register("email")}
        />
        <fieldset aria-describedby={errors.role ? "invite-role-error" : undefined}>
          <legend className="text-sm font-medium">Role</legend>
          <div className="mt-1 space-y-2">
            {(["clinician", "admin"] as const).map((role) => (
              <label
                key={role}
                className="flex cursor-pointer items-start gap-3 rounded-md border border-border p-3 has-[:checked]:border-primary has-[:checked]:bg-primary-soft"
              >
                <input
                  type="radio"
                  value={role}
                  className="mt-1 size-5 shrink-0"
                  {...form.register("role")}
                />
                <span>
                  <span className="block font-medium">{ROLE_LABELS[role]}</span>
                  <span className="block text-sm text-muted-foreground">{ROLE_HELP[role]}</span>
                </span>
              </label>
            ))}
          </div>
          {errors.role?.message ? (
            <p id="invite-role-error" className="mt-1 text-sm text-danger">
              {errors.role.message}
            </p>
          ) : null}
        </fieldset>
        <FormAlert message={formError} />
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Creating invitation…" : "Create invitation"}
        </Button>
      </form>
    </Card>
  );
}
