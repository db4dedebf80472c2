/**
 * The Content-Security-Policy every page is served with (decision 020). proxy.ts builds it per
 * request with a fresh nonce; Next.js finds the nonce in the request's copy of the header and
 * puts it on every script it renders, so no other inline script can run.
 */

export interface PolicyOptions {
  /** This response's nonce (`createNonce`). */
  nonce: string;
  /** `next dev`: React reconstructs server error stacks with eval there, and only there. */
  development: boolean;
  /** The public address is https: the browser is told to fetch nothing over plain http. */
  https: boolean;
}

export function contentSecurityPolicy({ nonce, development, https }: PolicyOptions): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': the nonce'd scripts may load the chunks they need; a host list would be
    // ignored by browsers that understand it, so 'self' stays only for those that do not.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Style attributes are allowed: React renders `style="…"` for the progress bars and Recharts
    // for its chart containers, legends and tooltips. No nonce here, because a nonce makes
    // browsers ignore 'unsafe-inline'. A style cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // data: for the QR code and SVG images, blob: for a picture previewed before its upload.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    // The patient pages' service worker, public/sw.js.
    "worker-src 'self'",
    "manifest-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'none'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** 128 random bits, base64: unguessable, and fresh for every response. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** Two years, subdomains included: the values the HSTS preload list asks for. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/**
 * HSTS only when the configured public address is https. Sent over http it would be ignored at
 * best; set on a server reached by plain http it would lock browsers out of it for two years.
 */
export function strictTransportSecurity(publicAddress: string | null): string | null {
  return isHttpsAddress(publicAddress) ? STRICT_TRANSPORT_SECURITY : null;
}

export function isHttpsAddress(publicAddress: string | null): boolean {
  return publicAddress?.startsWith("https://") ?? false;
}
