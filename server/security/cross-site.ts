/**
 * Requests that change something must come from the site's own pages (decision 020). SameSite=Lax
 * cookies alone let a form on another port or subdomain post with the user's cookies, and a
 * multipart upload is exactly what such a form can send.
 */

/** What a browser says about where a request comes from. */
export interface RequestSource {
  method: string;
  /** The Origin header: browsers send it on every POST. */
  origin: string | null;
  /** The Sec-Fetch-Site header: `same-origin`, `same-site`, `cross-site` or `none`. */
  fetchSite: string | null;
}

const READ_ONLY_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * True when a request that may change something comes from elsewhere: an Origin other than the
 * site's own (`publicOrigin`, scheme://host[:port]), or Sec-Fetch-Site `cross-site` or `same-site`
 * (a sibling subdomain is another site for us). An opaque Origin ("null") passes only when
 * Sec-Fetch-Site says `same-origin`. A request with neither header passes: browsers
 * always send Origin on POST, so only curl, the benches and server-side callers leave both out,
 * and those carry no victim's cookies.
 */
export function isCrossSiteWrite(source: RequestSource, publicOrigin: string): boolean {
  if (READ_ONLY_METHODS.has(source.method.toUpperCase())) return false;
  if (source.fetchSite === "cross-site" || source.fetchSite === "same-site") return true;
  if (source.origin === null || source.origin === publicOrigin) return false;
  // "null" is what a page under Referrer-Policy no-referrer sends even to its own site (Firefox;
  // Chromium for forms): our pages use same-origin now, but one kept offline or a proxy adding
  // the header would still do it. Sec-Fetch-Site, which no page can forge, settles it.
  return !(source.origin === "null" && source.fetchSite === "same-origin");
}

/** The two headers the rule reads, from a request. */
export function requestSourceOf(request: Request): RequestSource {
  return {
    method: request.method,
    origin: request.headers.get("origin"),
    fetchSite: request.headers.get("sec-fetch-site"),
  };
}

/** What the refused request is told: what happened and what to do, nothing about the request. */
export const CROSS_SITE_MESSAGE =
  "This request came from another site, so Rehabit refused it. Open Rehabit at its own address and try again.";

/**
 * The 403 for a refused request: in tRPC's error shape for the API, so the staff client and the
 * phone's outbox can show the sentence; plain text elsewhere.
 */
export function crossSiteRefusal(format: "trpc" | "text"): Response {
  const headers = { "Cache-Control": "no-store" };
  if (format === "text") return new Response(CROSS_SITE_MESSAGE, { status: 403, headers });
  return Response.json(
    {
      error: {
        json: {
          message: CROSS_SITE_MESSAGE,
          code: -32003,
          data: { code: "FORBIDDEN", httpStatus: 403 },
        },
      },
    },
    { status: 403, headers },
  );
}
