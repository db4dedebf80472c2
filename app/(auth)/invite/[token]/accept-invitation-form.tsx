"use client";

import { useMutation } from "@tanstack/react-query";
import { NewPasswordForm } from "@/components/team/new-password-form";
import { useTRPC } from "@/components/trpc/client";

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const trpc = useTRPC();
  const accept = useMutation(trpc.team.acceptInvitation.mutationOptions());
  return (
    <NewPasswordForm
      email={email}
      askName
      submitLabel="Create my account"
      pendingLabel="Creating your account…"
      submit={(values) => accept.mutateAsync({ token, ...values })}
    />
  );
}
