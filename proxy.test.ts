import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { encodeStaffClaims, sessionCookieName } from "@/server/auth/cookies";

const SECRET = "proxy-test-secret-that-is-long-enough-for-jwt";
const SITE = "http://localhost:3410";

/** proxy.ts as the server loads it with these settings (it reads the environment once). */
async function loadProxy(publicAddress = SITE) {
  vi.resetModules();
  vi.stubEnv("NEXTAUTH_SECRET", SECRET);
  vi.stubEnv("NEXTAUTH_URL", publicAddress);
  return import("./proxy");
}

beforeEach(() => vi.useRealTimers());
afterEach(() => vi.unstubAllEnvs());

const request = (path: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) =>
  new NextRequest(new URL(path, SITE), init);

const nonceIn = (policy: string | null) => /'nonce-([^']+)'/.exec(policy ?? "")?.[1];

/** The request headers the proxy hands on to the page (Next carries them as x-middleware-request-*). */
const forwarded = (response: Response, name: string) =>
  response.headers.get(`x-middleware-request-${name}`);

describe("every page", () => {
  it("gets a policy with a fresh nonce, on the response and on the request Next renders", async () => {
    const { proxy } = await loadProxy();
    const seen = new Set<string>();
    for (const path of ["/login", "/p", "/p/link-invalid", "/patients", "/no-such-page"]) {
      const response = await proxy(request(path));
      const policy = response.headers.get("content-security-policy");
      const nonce = nonceIn(policy);
      expect(nonce, path).toBeTruthy();
      expect(forwarded(response, "content-security-policy"), path).toBe(policy);
      seen.add(nonce!);
    }
    expect(seen.size).toBe(5);
  });

  it("is not marked for HSTS over http", async () => {
    const { proxy } = await loadProxy();
    const response = await proxy(request("/login"));
    expect(response.headers.get("strict-transport-security")).toBeNull();
    expect(response.headers.get("content-security-policy")).not.toContain(
      "upgrade-insecure-requests",
    );
  });

  it("is marked for HSTS when the public address is https", async () => {
    const { proxy } = await loadProxy("https://rehabit.clinic.example");
    const response = await proxy(new NextRequest("https://rehabit.clinic.example/login"));
    expect(response.headers.get("strict-transport-security")).toBe(
      "max-age=63072000; includeSubDomains",
    );
    expect(response.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });
});

describe("the API", () => {
  it("gets no page policy (JSON has no scripts), and stays cheap", async () => {
    const { proxy } = await loadProxy();
    const response = await proxy(request("/api/trpc/plan.today", { method: "POST" }));
    expect(response.headers.get("content-security-policy")).toBeNull();
    expect(forwarded(response, "content-security-policy")).toBeNull();
  });
});

describe("a sign-in posted from another site", () => {
  const signIn = (headers: Record<string, string>) =>
    request("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: "email=a%40b.example&password=x",
    });

  it("is refused with 403 before next-auth sees it", async () => {
    const { proxy } = await loadProxy();
    const foreign: Record<string, string>[] = [
      { origin: "http://evil.example" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of foreign) {
      const response = await proxy(signIn(headers));
      expect(response.status).toBe(403);
      expect(await response.text()).toMatch(/another site/);
    }
  });

  it("passes from the site's own page, and with no Origin at all", async () => {
    const { proxy } = await loadProxy();
    const own: Record<string, string>[] = [{ origin: SITE }, {}];
    for (const headers of own) {
      const response = await proxy(signIn(headers));
      expect(response.status).toBe(200);
      expect(response.headers.get("x-middleware-next")).toBe("1");
    }
  });

  it("is refused on any other path too (a page cannot be posted to from elsewhere)", async () => {
    const { proxy } = await loadProxy();
    const response = await proxy(
      request("/patients", { method: "POST", headers: { origin: "http://evil.example" } }),
    );
    expect(response.status).toBe(403);
  });
});

describe("the staff session's idle clock", () => {
  async function idleCookie() {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      uid: "u",
      cid: "c",
      role: "clinician" as const,
      sv: 1,
      signedInAt: now - 7200,
      lastActiveAt: now - 7200,
    };
    return `${sessionCookieName(false)}=${await encodeStaffClaims(claims, SECRET, 43200)}`;
  }

  it("still ends an idle session on the staff pages and the API, as before", async () => {
    const { proxy } = await loadProxy();
    const page = await proxy(request("/patients/abc", { headers: { cookie: await idleCookie() } }));
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toBe(`${SITE}/login?reason=ended`);
    const api = await proxy(
      request("/api/trpc/patients.list", { headers: { cookie: await idleCookie() } }),
    );
    expect(api.headers.get("set-cookie")).toMatch(/next-auth\.session-token=;/);
  });

  it("leaves the pages it never kept alone (sign-in, the patient's pages)", async () => {
    const { proxy } = await loadProxy();
    for (const path of ["/login", "/p", "/api/auth/session"]) {
      const response = await proxy(request(path, { headers: { cookie: await idleCookie() } }));
      expect(response.headers.get("location"), path).toBeNull();
      expect(response.headers.get("set-cookie"), path).toBeNull();
    }
  });

  it("moves a recent session's clock on, with the page's policy still applied", async () => {
    const { proxy } = await loadProxy();
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      uid: "u",
      cid: "c",
      role: "clinician" as const,
      sv: 1,
      signedInAt: now - 600,
      lastActiveAt: now - 120,
    };
    const cookie = `${sessionCookieName(false)}=${await encodeStaffClaims(claims, SECRET, 43200)}`;
    const response = await proxy(request("/patients", { headers: { cookie } }));
    expect(response.headers.get("set-cookie")).toMatch(/next-auth\.session-token=[^;]+;/);
    expect(nonceIn(response.headers.get("content-security-policy"))).toBeTruthy();
    expect(forwarded(response, "content-security-policy")).toBe(
      response.headers.get("content-security-policy"),
    );
  });
});

describe("the matcher", () => {
  it("covers every page and API route, and skips the static files", async () => {
    const { config } = await loadProxy();
    const [source] = config.matcher;
    const matches = (path: string) => new RegExp(`^${source}$`).test(path);
    for (const path of [
      "/",
      "/login",
      "/p",
      "/p/safety",
      "/p/link-invalid",
      "/p/some-token",
      "/patients/abc/handout",
      "/no-such-page",
      "/api/trpc/plan.today",
      "/api/auth/callback/credentials",
      "/invite/abc",
    ]) {
      expect(matches(path), path).toBe(true);
    }
    for (const path of [
      "/_next/static/chunks/app.js",
      "/_next/image",
      "/favicon.ico",
      "/icon.svg",
      "/apple-touch-icon.png",
      "/icons/icon-192.png",
      "/manifest.webmanifest",
      "/sw.js",
      "/media/exercise/image",
    ]) {
      expect(matches(path), path).toBe(false);
    }
  });
});
