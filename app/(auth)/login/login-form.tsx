"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/input";
import { safeCallbackPath } from "@/lib/safe-callback";
import { parseThrottledSignIn, throttledSignInMessage } from "@/server/auth/sign-in-throttle";

const NO_MATCH =
  "That email and password do not match an active account. Check them and try again.";

export function LoginForm({ callbackUrl }: { callbackUrl?: string | undefined }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Until the script runs, the button stays disabled: the browser must never submit the password
  // itself, which would put it in the address.
  const hydrated = useHydrated();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError("Enter your email and your password.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result || result.error) {
        const wait = parseThrottledSignIn(result?.error);
        setError(wait === null ? NO_MATCH : throttledSignInMessage(wait));
        setPassword("");
        setPending(false);
        return;
      }
      // A full load, so every server-rendered part of the app sees the new session at once. The
      // page already checked the target; checked again against the origin the browser is on.
      window.location.assign(safeCallbackPath(callbackUrl, window.location.origin));
    } catch {
      setError("We could not reach Rehabit. Check your connection and try again.");
      setPending(false);
    }
  }

  return (
    <form
      method="post"
      onSubmit={onSubmit}
      noValidate
      className="mt-6 space-y-4"
      aria-describedby={error ? "login-error" : undefined}
    >
      <div>
        <Label htmlFor="email">Email</Label>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={error ? true : undefined}
          className="mt-1"
        />
      </div>
      <div>
        <Label htmlFor="password">Password</Label>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={error ? true : undefined}
          className="mt-1"
        />
      </div>
      <div role="alert" aria-live="assertive">
        <FieldError id="login-error" message={error ?? undefined} />
      </div>
      <Button type="submit" className="w-full" disabled={pending || !hydrated}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
