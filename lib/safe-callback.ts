/** Where a signed-in member of staff lands when there is no (acceptable) place to return to. */
export const DEFAULT_LANDING_PATH = "/patients";

/**
 * The place to go after signing in, as a path on this site, or `fallback`.
 *
 * A prefix check on the raw text is not enough: browsers read `/\host`, `/<tab>/host` and
 * `/\/host` as another origin. So the target is resolved with the WHATWG URL parser (what the
 * browser itself uses) against our origin, and only a result on that exact origin is kept. The
 * answer is the path, query and fragment alone, and it is resolved once more, because a path that
 * begins with `//` (e.g. from `/..//host`) would itself be read as another origin.
 *
 * Pure, with no browser or server dependency: the login form, the login page and next-auth's
 * redirect callback all use it.
 */
export function safeCallbackPath(
  target: string | null | undefined,
  origin: string,
  fallback: string = DEFAULT_LANDING_PATH,
): string {
  if (!target) return fallback;
  let ours: string;
  let resolved: URL;
  try {
    ours = new URL(origin).origin;
    resolved = new URL(target, ours);
  } catch {
    return fallback;
  }
  if (resolved.origin !== ours) return fallback;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return new URL(path, ours).origin === ours ? path : fallback;
}
