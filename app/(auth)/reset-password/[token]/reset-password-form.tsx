"use client";

import { useMutation } from "@tanstack/react-query";
import { NewPasswordForm } from "@/components/team/new-password-form";
import { useTRPC } from "@/components/trpc/client";

export function ResetPasswordForm({
  token,
  email,
  name,
}: {
  token: string;
  email: string;
  name: string;
}) {
  const trpc = useTRPC();
  const reset = useMutation(trpc.team.resetPassword.mutationOptions());
  return (
    <NewPasswordForm
      email={email}
      knownName={name}
      askName={false}
      submitLabel="Save new password"
      pendingLabel="Saving…"
      submit={(values) => reset.mutateAsync({ token, password: values.password })}
    />
  );
}
