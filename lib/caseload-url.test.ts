import { describe, expect, it } from "vitest";
import { caseloadHref, caseloadInput, DEFAULT_CASELOAD, parseCaseloadParams } from "./caseload-url";

describe("caseload state in the address", () => {
  it("reads nothing as the default view: my active patients by name", () => {
    expect(parseCaseloadParams({})).toEqual(DEFAULT_CASELOAD);
    expect(caseloadHref(DEFAULT_CASELOAD)).toBe("/patients");
  });

  it("round-trips every setting", () => {
    const state = parseCaseloadParams({
      who: "all",
      attention: "1",
      condition: "runners_knee",
      clinician: "u1",
      status: "all",
      q: " Amy ",
      sort: "adherence7",
      dir: "desc",
      page: "3",
    });
    expect(state).toEqual({
      mine: false,
      attention: true,
      condition: "runners_knee",
      clinician: "u1",
      status: "all",
      q: "Amy",
      sort: "adherence7",
      desc: true,
      page: 3,
    });
    const href = caseloadHref(state, { page: 3 });
    expect(parseCaseloadParams(Object.fromEntries(new URL(href, "http://x").searchParams))).toEqual(
      state,
    );
  });

  it("falls back to defaults for values it does not know", () => {
    expect(
      parseCaseloadParams({ sort: "drop table", condition: "elbow", status: "x", page: "-2" }),
    ).toEqual(DEFAULT_CASELOAD);
  });

  it("goes back to page 1 on any change but the page", () => {
    const state = { ...DEFAULT_CASELOAD, page: 4 };
    expect(caseloadHref(state, { attention: true })).toBe("/patients?attention=1");
    expect(caseloadHref(state, { page: 5 })).toBe("/patients?page=5");
  });

  it("turns a view into the procedure's input", () => {
    expect(caseloadInput({ ...DEFAULT_CASELOAD, attention: true, q: "bo" })).toMatchObject({
      page: 1,
      sort: { id: "name", desc: false },
      filters: { mine: true, needsAttention: true, search: "bo", status: "active" },
    });
  });
});
