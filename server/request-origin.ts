/**
 * The origin links are built on: the configured public address when there is one (it is the only
 * one that holds behind a proxy), otherwise the host the browser asked for.
 */
export function requestOrigin(input: {
  appUrl: string | null;
  host: string | null;
  proto: string | null;
}): string {
  if (input.appUrl) return input.appUrl;
  const host = input.host?.split(",")[0]?.trim() || "localhost:3000";
  const proto = input.proto?.split(",")[0]?.trim() === "https" ? "https" : "http";
  return `${proto}://${host}`;
}

/** Reads request headers the way both `Headers` and Next's header store do. */
interface HeaderReader {
  get(name: string): string | null;
}

/**
 * The origin (scheme://host[:port], nothing after it) a browser on our own pages sends as Origin:
 * the configured public address's, otherwise the one this request was made to.
 */
export function publicOriginOf(headers: HeaderReader, appUrl: string | null): string {
  const address = requestOrigin({
    appUrl,
    host: headers.get("x-forwarded-host") ?? headers.get("host"),
    proto: headers.get("x-forwarded-proto"),
  });
  try {
    return new URL(address).origin;
  } catch {
    // A malformed Host header: no browser's Origin will equal this, which is the right answer.
    return address;
  }
}
