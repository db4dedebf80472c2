/**
 * The client's address, for the request context and the sign-in throttle alike: only behind a
 * reverse proxy that sets X-Forwarded-For (TRUST_PROXY=true). Without one, the header is whatever the
 * client chose to send, so it is not an address at all: null.
 */
export function clientAddress(
  header: (name: string) => string | null | undefined,
  trustProxy: boolean,
): string | null {
  if (!trustProxy) return null;
  const forwarded = header("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || header("x-real-ip")?.trim() || null;
}
