import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { LinkNoLongerWorks } from "@/components/team/link-invalid";
import { TrpcProvider } from "@/components/trpc/client";
import { createRequestContext } from "@/server/request-context";
import { createCaller } from "@/server/root";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

/** Public: the holder of a valid reset link sets a new password here. */
export default async function ResetPasswordPage({
  params,
}: {
  params: Promise<{ token: string }>;
}) {
  const { token } = await params;
  const api = createCaller(await createRequestContext());
  const account = await api.team.describePasswordReset({ token }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") return error.message;
    throw error;
  });
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center p-6">
      <p className="text-sm font-semibold tracking-wide text-primary uppercase">Rehabit</p>
      {typeof account === "string" ? (
        <LinkNoLongerWorks message={account} />
      ) : (
        <>
          <h1 className="mt-1 text-2xl font-semibold">Choose a new password</h1>
          <p className="mt-2 text-muted-foreground">
            For {account.name}. Saving it signs you out on every other device.
          </p>
          <TrpcProvider>
            <ResetPasswordForm token={token} email={account.email} name={account.name} />
          </TrpcProvider>
        </>
      )}
    </main>
  );
}
