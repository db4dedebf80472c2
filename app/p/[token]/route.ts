import { NextResponse, type NextRequest } from "next/server";
import { PATIENT_COOKIE } from "@/server/auth/cookies";
import { looksLikeLinkToken } from "@/server/auth/tokens";
import { exchangeLinkToken } from "@/server/patient-link-exchange";

export const dynamic = "force-dynamic";

/** Swaps the token in the address for a cookie and redirects, so it leaves the bar and history. */
export async function GET(
  request: NextRequest,
  { params }: { params: Promise<{ token: string }> },
) {
  const { token } = await params;
  const cookie = await exchangeLinkToken(token);
  const target = new URL(cookie ? "/p" : "/p/link-invalid", request.url);
  const response = NextResponse.redirect(target, 303);
  response.headers.set("Cache-Control", "no-store");
  if (cookie) {
    response.cookies.set(PATIENT_COOKIE, cookie.value, {
      httpOnly: true,
      sameSite: "lax",
      secure: cookie.secure,
      path: "/",
      maxAge: cookie.maxAge,
    });
  } else if (looksLikeLinkToken(token)) {
    // A dead link replaces the old session; a mistyped page name (/p/whatever) leaves it alone,
    // so a stray prefetch cannot sign the patient out.
    response.cookies.delete(PATIENT_COOKIE);
  }
  return response;
}
