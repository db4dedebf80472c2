import { describe, expect, it } from "vitest";
import { isCrossSiteWrite } from "./cross-site";

const SITE = "https://rehabit.clinic.example";
const post = (headers: { origin?: string; fetchSite?: string }, method = "POST") => ({
  method,
  origin: headers.origin ?? null,
  fetchSite: headers.fetchSite ?? null,
});

describe("a request that changes something", () => {
  it("passes when it comes from the site's own pages", () => {
    expect(isCrossSiteWrite(post({ origin: SITE }), SITE)).toBe(false);
    expect(isCrossSiteWrite(post({ origin: SITE, fetchSite: "same-origin" }), SITE)).toBe(false);
  });

  it("is refused when its Origin is another site", () => {
    expect(isCrossSiteWrite(post({ origin: "http://evil.example" }), SITE)).toBe(true);
  });

  it("is refused when its Origin differs only by scheme, port or subdomain", () => {
    for (const origin of [
      "http://rehabit.clinic.example",
      "https://rehabit.clinic.example:8443",
      "https://files.rehabit.clinic.example",
      "https://clinic.example",
    ]) {
      expect(isCrossSiteWrite(post({ origin }), SITE), origin).toBe(true);
    }
  });

  it("is refused with an opaque origin (a sandboxed frame, a redirect from elsewhere)", () => {
    expect(isCrossSiteWrite(post({ origin: "null" }), SITE)).toBe(true);
    expect(isCrossSiteWrite(post({ origin: "null", fetchSite: "cross-site" }), SITE)).toBe(true);
  });

  it("passes with Origin null when the browser vouches it is same-origin", () => {
    // Firefox, and Chromium for form posts, send "null" from a page whose referrer policy is
    // no-referrer (a page kept offline from before decision 020, or a proxy adding the header).
    expect(isCrossSiteWrite(post({ origin: "null", fetchSite: "same-origin" }), SITE)).toBe(false);
  });

  it("is refused when the browser says it came from another site, even with no Origin", () => {
    expect(isCrossSiteWrite(post({ fetchSite: "cross-site" }), SITE)).toBe(true);
    expect(isCrossSiteWrite(post({ fetchSite: "same-site" }), SITE)).toBe(true);
  });

  it("is refused when the two headers disagree", () => {
    expect(isCrossSiteWrite(post({ origin: SITE, fetchSite: "cross-site" }), SITE)).toBe(true);
  });

  it("passes with no Origin and no Sec-Fetch-Site (curl, the bench, server-side callers)", () => {
    expect(isCrossSiteWrite(post({}), SITE)).toBe(false);
    expect(isCrossSiteWrite(post({ fetchSite: "same-origin" }), SITE)).toBe(false);
    expect(isCrossSiteWrite(post({ fetchSite: "none" }), SITE)).toBe(false);
  });

  it("applies to every method that can change something, whatever its case", () => {
    for (const method of ["POST", "post", "PUT", "PATCH", "DELETE"]) {
      expect(isCrossSiteWrite(post({ origin: "http://evil.example" }, method), SITE), method).toBe(
        true,
      );
    }
  });
});

describe("a request that only reads", () => {
  it("passes from anywhere: another site cannot read the answer", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(
        isCrossSiteWrite(
          post({ origin: "http://evil.example", fetchSite: "cross-site" }, method),
          SITE,
        ),
        method,
      ).toBe(false);
    }
  });
});
