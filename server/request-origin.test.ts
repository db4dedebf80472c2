import { describe, expect, it } from "vitest";
import { publicOriginOf, requestOrigin } from "./request-origin";

describe("requestOrigin", () => {
  it("prefers the configured public address", () => {
    expect(
      requestOrigin({
        appUrl: "https://rehabit.clinic.example",
        host: "10.0.0.5:3000",
        proto: null,
      }),
    ).toBe("https://rehabit.clinic.example");
  });

  it("falls back to the host the browser asked for, over http unless a proxy says https", () => {
    expect(requestOrigin({ appUrl: null, host: "physio.local:3000", proto: null })).toBe(
      "http://physio.local:3000",
    );
    expect(requestOrigin({ appUrl: null, host: "physio.example", proto: "https, http" })).toBe(
      "https://physio.example",
    );
  });

  it("still gives an address when the request names no host", () => {
    expect(requestOrigin({ appUrl: null, host: null, proto: null })).toBe("http://localhost:3000");
  });
});

describe("publicOriginOf", () => {
  const headers = (values: Record<string, string>) => new Headers(values);

  it("is the configured address's origin, without its path or a default port", () => {
    expect(
      publicOriginOf(headers({ host: "10.0.0.5:3000" }), "https://Clinic.Example:443/rehabit"),
    ).toBe("https://clinic.example");
  });

  it("is the request's own host when no address is configured", () => {
    expect(publicOriginOf(headers({ host: "physio.local:3000" }), null)).toBe(
      "http://physio.local:3000",
    );
    expect(
      publicOriginOf(
        headers({
          host: "internal:3000",
          "x-forwarded-host": "physio.example",
          "x-forwarded-proto": "https",
        }),
        null,
      ),
    ).toBe("https://physio.example");
  });

  it("does not throw on a malformed host (such a request simply matches no Origin)", () => {
    expect(() => publicOriginOf(headers({ host: "bad host" }), null)).not.toThrow();
  });
});
