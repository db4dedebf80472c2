import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { LinkNoLongerWorks } from "@/components/team/link-invalid";
import { TrpcProvider } from "@/components/trpc/client";
import { createRequestContext } from "@/server/request-context";
import { createCaller } from "@/server/root";
import { AcceptInvitationForm } from "./accept-invitation-form";

export const metadata: Metadata = { title: "Join your clinic" };

const ROLE_WORDS = { admin: "an admin", clinician: "a clinician" } as const;

/**
 * For the owner of an account that already uses the invited address, signed in to it. Only they
 * see this: to anyone else holding the link (the inviting admin too) the page looks as usual.
 */
function AccountElsewhere({
  email,
  invitingClinic,
  existing,
}: {
  email: string;
  invitingClinic: string;
  existing: { clinicName: string; sameClinic: boolean };
}) {
  if (existing.sameClinic) {
    return (
      <>
        <h1 className="mt-1 text-2xl font-semibold">
          You are already a member of {invitingClinic}
        </h1>
        <p className="mt-2">
          {email} already signs in to {invitingClinic}, so there is nothing to accept.
        </p>
        <p className="mt-4">
          <Link href="/patients">Go to your patients</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="mt-1 text-2xl font-semibold">Your email already has a Rehabit account</h1>
      <p className="mt-2">
        {invitingClinic} invited {email} to join them. That address already has a Rehabit account,
        at {existing.clinicName}, and an account belongs to one clinic, so it cannot join a second
        one.
      </p>
      <h2 className="mt-4 font-semibold">What you can do</h2>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        <li>Ask {invitingClinic} to invite another email address of yours instead.</li>
        <li>
          Or, if you are moving to {invitingClinic}, ask the person who runs Rehabit for your
          clinics to move your account there.
        </li>
      </ul>
      <p className="mt-4 text-sm text-muted-foreground">
        {invitingClinic} has not been told that your address has an account elsewhere.
      </p>
      <p className="mt-4">
        <Link href="/patients">Back to {existing.clinicName}</Link>
      </p>
    </>
  );
}

/** Public: anyone holding a valid invitation link chooses their name and password here. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const api = createCaller(await createRequestContext());
  const invitation = await api.team.describeInvitation({ token }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") return error.message;
    throw error;
  });
  const signInFirst = `/login?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`;
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center p-6">
      <p className="text-sm font-semibold tracking-wide text-primary uppercase">Rehabit</p>
      {typeof invitation === "string" ? (
        <LinkNoLongerWorks message={invitation} />
      ) : invitation.existingAccount ? (
        <AccountElsewhere
          email={invitation.email}
          invitingClinic={invitation.clinicName}
          existing={invitation.existingAccount}
        />
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
          <p className="mt-6 text-sm text-muted-foreground">
            Already use Rehabit with this email address at another clinic?{" "}
            <Link href={signInFirst} className="underline">
              Sign in to that account first
            </Link>
            , then this page explains what you can do.
          </p>
        </>
      )}
    </main>
  );
}
