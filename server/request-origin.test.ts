import { describe, expect, it } from "vitest";
import { requestOrigin } from "./request-origin";

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
