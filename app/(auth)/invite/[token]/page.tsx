import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { LinkNoLongerWorks } from "@/components/team/link-invalid";
import { TrpcProvider } from "@/components/trpc/client";
import { createRequestContext } from "@/server/request-context";
import { createCaller } from "@/server/root";
import { AcceptInvitationForm } from "./accept-invitation-form";

export const metadata: Metadata = { title: "Join your clinic" };

const ROLE_WORDS = { admin: "an admin", clinician: "a clinician" } as const;

/** Public: anyone holding a valid invitation link chooses their name and password here. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const api = createCaller(await createRequestContext());
  const invitation = await api.team.describeInvitation({ token }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") return error.message;
    throw error;
  });
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center p-6">
      <p className="text-sm font-semibold tracking-wide text-primary uppercase">Rehabit</p>
      {typeof invitation === "string" ? (
        <LinkNoLongerWorks message={invitation} />
      ) : (
        <>
          <h1 className="mt-1 text-2xl font-semibold">Join {invitation.clinicName}</h1>
          <p className="mt-2 text-muted-foreground">
            You have been invited as {ROLE_WORDS[invitation.role]}. Choose your name and a password
            to finish; you will be signed in straight away.
          </p>
          <TrpcProvider>
            <AcceptInvitationForm token={token} email={invitation.email} />
          </TrpcProvider>
        </>
      )}
    </main>
  );
}
