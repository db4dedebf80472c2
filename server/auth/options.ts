import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getEngine } from "@/db/engine";
import { DEFAULT_LANDING_PATH, safeCallbackPath } from "@/lib/safe-callback";
import { systemData } from "@/server/data/clinic-data";
import { signInWithPassword } from "@/server/services/auth/sign-in";
import { endStaffSession } from "@/server/services/auth/sign-out";
import { env } from "@/server/env";
import { isStaffClaims } from "./claims";
import { clientAddress } from "./client-address";
import { throttledSignInError } from "./sign-in-throttle";

const ZCredentials = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

/** What next-auth hands `authorize` as the request's headers: a plain, lower-cased object. */
const headerOf = (headers: unknown) => (name: string) => {
  const value = (headers as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : null;
};

/**
 * next-auth with email and password; the JWT carries the claims of `StaffClaims`. Built per
 * request: `request.ip` is the client's address for the sign-out's audit row.
 */
export function authOptions(request: { ip: string | null } = { ip: null }): NextAuthOptions {
  const config = env();
  const limits = {
    maxAgeSeconds: config.sessionMaxAgeSeconds,
    idleSeconds: config.sessionIdleSeconds,
  };
  return {
    secret: config.authSecret,
    session: { strategy: "jwt", maxAge: config.sessionMaxAgeSeconds },
    pages: { signIn: "/login", error: "/login" },
    useSecureCookies: config.secureCookies,
    logger: {
      // next-auth's default logger prints request details; keep only the error code.
      error: (code) => console.error(`[auth] ${code}`),
      warn: () => undefined,
      debug: () => undefined,
    },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(raw, req) {
          const parsed = ZCredentials.safeParse(raw);
          if (!parsed.success) return null;
          const outcome = await signInWithPassword({
            // Sign-in by email: no clinic is known until the account is found.
            system: systemData(getEngine()),
            secret: config.authSecret,
            email: parsed.data.email,
            password: parsed.data.password,
            address: clientAddress(headerOf(req?.headers), config.trustProxy),
          });
          // next-auth passes a thrown error's message to the form as `error`: only the wait.
          if (outcome.kind === "throttled") throw new Error(throttledSignInError(outcome.waitMs));
          if (outcome.kind === "refused") return null;
          const { user } = outcome;
          return {
            id: user.id,
            name: user.name,
            email: user.email,
            clinicId: user.clinicId,
            role: user.role,
            sessionVersion: user.sessionVersion,
          };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          const now = Math.floor(Date.now() / 1000);
          const u = user as typeof user & {
            clinicId: string;
            role: "admin" | "clinician";
            sessionVersion: number;
          };
          return {
            ...token,
            uid: u.id,
            cid: u.clinicId,
            role: u.role,
            sv: u.sessionVersion,
            signedInAt: now,
            lastActiveAt: now,
          };
        }
        return token;
      },
      session({ session, token }) {
        if (isStaffClaims(token)) {
          return { ...session, user: { ...session.user, id: token.uid, role: token.role } };
        }
        return session;
      },
      // Same rule as the login form: only a place on this origin, whatever the text looks like.
      redirect({ url, baseUrl }) {
        return `${new URL(baseUrl).origin}${safeCallbackPath(url, baseUrl, DEFAULT_LANDING_PATH)}`;
      },
    },
    events: {
      // With JWT sessions next-auth hands over the decoded cookie; a failure here is logged by
      // next-auth (code only, through the logger above) and the cookie is still cleared.
      async signOut({ token }) {
        if (!isStaffClaims(token)) return;
        await endStaffSession({
          system: systemData(getEngine()),
          claims: token,
          limits,
          ip: request.ip,
        });
      },
    },
  };
}
