import { describe, expect, it } from "vitest";
import {
  contentSecurityPolicy,
  createNonce,
  STRICT_TRANSPORT_SECURITY,
  strictTransportSecurity,
} from "./content-security-policy";

/** The policy as directive → sources, so a test reads one directive at a time. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name, ...sources] = part.split(/\s+/);
        return [name!, sources];
      }),
  );
}

const NONCE = "cmVoYWJpdC10ZXN0LW5vbmNl";
const production = (https = false) =>
  directives(contentSecurityPolicy({ nonce: NONCE, development: false, https }));

describe("the content security policy", () => {
  it("lets scripts run only with this response's nonce (and what they load themselves)", () => {
    const scripts = production().get("script-src");
    expect(scripts).toEqual(["'self'", `'nonce-${NONCE}'`, "'strict-dynamic'"]);
    expect(scripts).not.toContain("'unsafe-inline'");
  });

  it("never allows eval in production, and only in development, where React needs it", () => {
    expect(production().get("script-src")).not.toContain("'unsafe-eval'");
    const development = directives(
      contentSecurityPolicy({ nonce: NONCE, development: true, https: false }),
    );
    expect(development.get("script-src")).toContain("'unsafe-eval'");
  });

  it("keeps the page out of frames, plugins and foreign <base> elements", () => {
    const policy = production();
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
  });

  it("limits everything else to the site itself", () => {
    const policy = production();
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("font-src")).toEqual(["'self'"]);
    expect(policy.get("worker-src")).toEqual(["'self'"]);
    expect(policy.get("manifest-src")).toEqual(["'self'"]);
    expect(policy.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
  });

  it("allows style attributes, with no nonce beside them (a nonce would switch them off)", () => {
    expect(production().get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("asks for https sub-resources only when the site itself is served over https", () => {
    expect(production(true).has("upgrade-insecure-requests")).toBe(true);
    expect(production(false).has("upgrade-insecure-requests")).toBe(false);
  });

  it("is one header line", () => {
    expect(contentSecurityPolicy({ nonce: NONCE, development: false, https: true })).not.toMatch(
      /[\r\n]/,
    );
  });
});

describe("the nonce", () => {
  it("is 128 random bits in base64, fresh every time", () => {
    const nonces = Array.from({ length: 50 }, createNonce);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(new Set(nonces).size).toBe(nonces.length);
  });
});

describe("Strict-Transport-Security", () => {
  it("is sent when the public address is https", () => {
    expect(strictTransportSecurity("https://rehabit.clinic.example")).toBe(
      "max-age=63072000; includeSubDomains",
    );
    expect(STRICT_TRANSPORT_SECURITY).toBe("max-age=63072000; includeSubDomains");
  });

  it("is never sent over http, nor when no public address is configured", () => {
    expect(strictTransportSecurity("http://localhost:3000")).toBeNull();
    expect(strictTransportSecurity("http://https.example")).toBeNull();
    expect(strictTransportSecurity(null)).toBeNull();
  });
});
