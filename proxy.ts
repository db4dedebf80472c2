import { NextResponse, type NextRequest } from "next/server";
import { ACTIVITY_REFRESH_SECONDS, judgeClaimsTiming } from "@/server/auth/claims";
import { decodeStaffClaims, encodeStaffClaims, sessionCookieName } from "@/server/auth/cookies";
import { env } from "@/server/env";

/**
 * Keeps the staff session's idle clock: each request within the limits moves "last active" on
 * (at most once a minute); an idle or too old session is cleared. This is convenience, not the
 * guard: every page and procedure checks the session against the database itself.
 */
export async function proxy(request: NextRequest) {
  const config = env();
  const name = sessionCookieName(config.secureCookies);
  const value = request.cookies.get(name)?.value;
  if (!value) return NextResponse.next();
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
      : NextResponse.next();
    response.cookies.delete(name);
    return response;
  }
  const response = NextResponse.next();
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
  matcher: [
    "/patients/:path*",
    "/library/:path*",
    "/templates/:path*",
    "/alerts/:path*",
    "/admin/:path*",
    "/api/trpc/:path*",
  ],
};
