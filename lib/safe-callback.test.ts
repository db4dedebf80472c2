import { describe, expect, it } from "vitest";
import { DEFAULT_LANDING_PATH, safeCallbackPath } from "./safe-callback";

const ORIGIN = "https://rehabit.clinic.example";

describe("where to go after signing in", () => {
  it.each([
    ["a backslash after the slash", "/\\evil.example"],
    ["two backslashes", "\\\\evil.example"],
    ["a tab between the slashes", "/\t/evil.example"],
    ["a newline between the slashes", "/\n/evil.example"],
    ["a carriage return between the slashes", "/\r/evil.example"],
    ["a protocol-relative address", "//evil.example"],
    ["a slash, a backslash and a slash", "/\\/evil.example"],
    ["another origin", "https://evil.example/patients"],
    ["our host over plain http", "http://rehabit.clinic.example/patients"],
    ["our host on another port", "https://rehabit.clinic.example:8443/patients"],
    ["a host that merely starts like ours", "https://rehabit.clinic.example.evil.example/"],
    ["credentials before our host", "https://rehabit.clinic.example@evil.example/"],
    ["a javascript: address", "javascript:alert(document.cookie)"],
    ["a javascript: address in capitals with spaces", " JavaScript:alert(1)"],
    ["a data: address", "data:text/html,<script>alert(1)</script>"],
    ["a path that climbs into a protocol-relative one", "/..//evil.example"],
    ["our origin followed by two slashes", "https://rehabit.clinic.example//evil.example"],
  ])("refuses %s", (_, target) => {
    expect(safeCallbackPath(target, ORIGIN)).toBe(DEFAULT_LANDING_PATH);
  });

  it("refuses what the address bar decodes from the reported variants", () => {
    for (const query of ["%2F%5Cevil.example", "%2F%09%2Fevil.example", "%2F%5C%2Fevil.example"]) {
      const target = new URLSearchParams(`callbackUrl=${query}`).get("callbackUrl");
      expect([query, safeCallbackPath(target, ORIGIN)]).toEqual([query, DEFAULT_LANDING_PATH]);
    }
  });

  it("falls back to the landing page when there is no target or it cannot be parsed", () => {
    expect(safeCallbackPath(undefined, ORIGIN)).toBe(DEFAULT_LANDING_PATH);
    expect(safeCallbackPath(null, ORIGIN)).toBe(DEFAULT_LANDING_PATH);
    expect(safeCallbackPath("", ORIGIN)).toBe(DEFAULT_LANDING_PATH);
    expect(safeCallbackPath("http://[::1", ORIGIN)).toBe(DEFAULT_LANDING_PATH);
    expect(safeCallbackPath("/patients", ORIGIN, "/login")).toBe("/patients");
    expect(safeCallbackPath("//evil.example", ORIGIN, "/login")).toBe("/login");
  });

  it("keeps a path on this site with its query and fragment", () => {
    expect(safeCallbackPath("/patients?x=1", ORIGIN)).toBe("/patients?x=1");
    expect(safeCallbackPath("/patients/abc?tab=charts#pain", ORIGIN)).toBe(
      "/patients/abc?tab=charts#pain",
    );
    expect(safeCallbackPath("/invite/AbC_123-xyz", ORIGIN)).toBe("/invite/AbC_123-xyz");
  });

  it("accepts an absolute address on this very origin, and returns only its path", () => {
    expect(safeCallbackPath(`${ORIGIN}/alerts?status=open`, ORIGIN)).toBe("/alerts?status=open");
    expect(safeCallbackPath(`${ORIGIN.toUpperCase()}/alerts`, ORIGIN)).toBe("/alerts");
    expect(safeCallbackPath("http://localhost:3000/library", "http://localhost:3000")).toBe(
      "/library",
    );
  });

  it("keeps an encoded backslash encoded, so it stays a harmless part of the path", () => {
    expect(safeCallbackPath("/%5Cevil.example", ORIGIN)).toBe("/%5Cevil.example");
  });

  it("never returns something that a browser would read as another origin", () => {
    const hostile = ["/\\evil.example", "/\t/evil.example", "/..//evil.example", "//x", "/\\/x"];
    for (const target of hostile) {
      const path = safeCallbackPath(target, ORIGIN);
      expect(new URL(path, ORIGIN).origin).toBe(ORIGIN);
    }
  });
});
