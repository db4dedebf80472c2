import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { verifyCredentials } from "@/server/services/auth/verify-credentials";
import { env } from "@/server/env";
import { isStaffClaims } from "./claims";
import { signInThrottle, TOO_MANY_ATTEMPTS } from "./sign-in-throttle";

const ZCredentials = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

/** next-auth with email and password; the JWT carries the claims of `StaffClaims`. */
export function authOptions(): NextAuthOptions {
  const config = env();
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
        async authorize(raw) {
          const parsed = ZCredentials.safeParse(raw);
          if (!parsed.success) return null;
          if (signInThrottle.isBlocked(parsed.data.email)) throw new Error(TOO_MANY_ATTEMPTS);
          const user = await verifyCredentials({ db: getDb(), ...parsed.data });
          if (!user) {
            signInThrottle.recordFailure(parsed.data.email);
            return null;
          }
          signInThrottle.recordSuccess(parsed.data.email);
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
    },
  };
}
