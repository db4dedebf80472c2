import type { Metadata } from "next";
import { safeCallbackPath } from "@/lib/safe-callback";
import { createRequestContext } from "@/server/request-context";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const { origin } = await createRequestContext();
  // Only a place on this site survives into the form: never another origin, however written.
  const callbackUrl = safeCallbackPath(
    typeof params.callbackUrl === "string" ? params.callbackUrl : undefined,
    origin,
  );
  const ended = params.reason === "ended";
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center p-6">
      <p className="text-sm font-semibold tracking-wide text-primary uppercase">Rehabit</p>
      <h1 className="mt-1 text-2xl font-semibold">Sign in to your clinic</h1>
      {ended ? (
        <p
          role="status"
          className="mt-4 rounded-md border border-warning/30 bg-warning-soft p-3 text-warning"
        >
          Your session ended. Please sign in again.
        </p>
      ) : null}
      <LoginForm callbackUrl={callbackUrl} />
      <p className="mt-6 text-sm text-muted-foreground">
        Patients do not sign in here: open the personal link your clinic gave you.
      </p>
    </main>
  );
}
