import { describe, expect, it } from "vitest";
import { parseLogPage, parseRange, parseSection, sectionHref, SECTIONS } from "./sections";

describe("the patient page's sections", () => {
  it("reads the section from the address and opens the program when none or an unknown one is named", () => {
    expect(parseSection("charts")).toBe("charts");
    expect(parseSection("check-ins")).toBe("check-ins");
    expect(parseSection(["link", "charts"])).toBe("link");
    expect(parseSection(undefined)).toBe("program");
    expect(parseSection("CHARTS")).toBe("program");
    expect(parseSection("constructor")).toBe("program");
  });

  it("reads the chart range and the log page, falling back to 12 weeks and page 1", () => {
    expect(parseRange("4w")).toBe("4w");
    expect(parseRange("all")).toBe("all");
    expect(parseRange("1y")).toBe("12w");
    expect(parseRange(undefined)).toBe("12w");
    expect(parseLogPage("3")).toBe(3);
    expect(parseLogPage("0")).toBe(1);
    expect(parseLogPage("-2")).toBe(1);
    expect(parseLogPage("abc")).toBe(1);
    expect(parseLogPage(undefined)).toBe(1);
  });

  it("writes each section's address with only the settings that section uses", () => {
    expect(sectionHref("p1", "charts")).toBe("/patients/p1?section=charts");
    expect(sectionHref("p1", "charts", { range: "4w" })).toBe(
      "/patients/p1?section=charts&range=4w",
    );
    expect(sectionHref("p1", "charts", { range: "12w" })).toBe("/patients/p1?section=charts");
    expect(sectionHref("p1", "check-ins", { logPage: 2, range: "4w" })).toBe(
      "/patients/p1?section=check-ins&log=2",
    );
    expect(sectionHref("p1", "program", { logPage: 2 })).toBe("/patients/p1?section=program");
    expect(sectionHref("p1", "link", { hash: "link-validity" })).toBe(
      "/patients/p1?section=link#link-validity",
    );
  });

  it("has one address per section, each of which reads back as itself", () => {
    const ids = SECTIONS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      const query = new URL(sectionHref("p1", id), "http://x").searchParams;
      expect(parseSection(query.get("section") ?? undefined)).toBe(id);
    }
  });
});
