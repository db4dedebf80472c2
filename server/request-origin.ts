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
