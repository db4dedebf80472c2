import { NextResponse, type NextRequest } from "next/server";
import { ACTIVITY_REFRESH_SECONDS, judgeClaimsTiming } from "@/server/auth/claims";
import { decodeStaffClaims, encodeStaffClaims, sessionCookieName } from "@/server/auth/cookies";
import { env, type Env } from "@/server/env";
import { publicOriginOf } from "@/server/request-origin";
import {
  contentSecurityPolicy,
  createNonce,
  isHttpsAddress,
  strictTransportSecurity,
} from "@/server/security/content-security-policy";
import { crossSiteRefusal, isCrossSiteWrite, requestSourceOf } from "@/server/security/cross-site";

/**
 * Runs before every page and API route (decision 020). In order:
 * 1. refuses a request from another site that could change something (next-auth's sign-in and
 *    sign-out posts have no other guard; /api/trpc checks again itself);
 * 2. gives every page a Content-Security-Policy with a fresh nonce, on the response and on the
 *    request Next.js renders from, which is where Next finds the nonce for its own scripts;
 * 3. keeps the staff session's idle clock on the staff paths, exactly as before.
 * It runs on every patient answer too, so it does no more than that: no database, no I/O.
 */
export async function proxy(request: NextRequest) {
  const config = env();
  if (isCrossSiteWrite(requestSourceOf(request), publicOriginOf(request.headers, config.appUrl))) {
    return withTransportSecurity(crossSiteRefusal("text"), config);
  }
  const { pathname } = request.nextUrl;
  const policy = pathname.startsWith("/api/")
    ? null
    : contentSecurityPolicy({
        nonce: createNonce(),
        development: process.env.NODE_ENV === "development",
        https: isHttpsAddress(config.appUrl),
      });
  const next = () => {
    if (!policy) return NextResponse.next();
    const headers = new Headers(request.headers);
    headers.set("Content-Security-Policy", policy);
    return NextResponse.next({ request: { headers } });
  };
  const response = keepsIdleClock(pathname) ? await keepIdleClock(request, config, next) : next();
  if (policy) response.headers.set("Content-Security-Policy", policy);
  return withTransportSecurity(response, config);
}

function withTransportSecurity<R extends Response>(response: R, config: Env): R {
  const hsts = strictTransportSecurity(config.appUrl);
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

/** The paths the idle clock has always run on (the matcher before decision 020). */
const IDLE_CLOCK_PATHS = ["/patients", "/library", "/templates", "/alerts", "/admin", "/api/trpc"];

function keepsIdleClock(pathname: string): boolean {
  return IDLE_CLOCK_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

/**
 * Keeps the staff session's idle clock: each request within the limits moves "last active" on
 * (at most once a minute); an idle or too old session is cleared. This is convenience, not the
 * guard: every page and procedure checks the session against the database itself.
 */
async function keepIdleClock(
  request: NextRequest,
  config: Env,
  next: () => NextResponse,
): Promise<NextResponse> {
  const name = sessionCookieName(config.secureCookies);
  const value = request.cookies.get(name)?.value;
  if (!value) return next();
  const claims = await decodeStaffClaims(value, config.authSecret);
  const now = Math.floor(Date.now() / 1000);
  const limits = {
    maxAgeSeconds: config.sessionMaxAgeSeconds,
    idleSeconds: config.sessionIdleSeconds,
  };
  if (!claims || judgeClaimsTiming(claims, now, limits) !== "valid") {
    const isPage = !request.nextUrl.pathname.startsWith("/api/");
    const response = isPage
      ? NextResponse.redirect(new URL("/login?reason=ended", request.url))
      : next();
    response.cookies.delete(name);
    return response;
  }
  const response = next();
  if (now - claims.lastActiveAt >= ACTIVITY_REFRESH_SECONDS) {
    const refreshed = await encodeStaffClaims(
      { ...claims, lastActiveAt: now },
      config.authSecret,
      config.sessionMaxAgeSeconds,
    );
    response.cookies.set(name, refreshed, {
      httpOnly: true,
      sameSite: "lax",
      secure: config.secureCookies,
      path: "/",
      maxAge: Math.max(0, claims.signedInAt + config.sessionMaxAgeSeconds - now),
    });
  }
  return response;
}

export const config = {
  // Every page and API route. Left out: Next's own files and the files in public/ (served as they
  // are, with next.config.ts's fixed headers), and the exercise pictures under /media.
  matcher: [
    "/((?!_next/|media/|icons/|favicon\\.ico$|icon\\.svg$|apple-touch-icon\\.png$|manifest\\.webmanifest$|sw\\.js$).*)",
  ],
};
