import { describe, expect, it } from "vitest";
import { RED_FLAG_QUESTIONS, redFlagLevel } from "./red-flags";

describe("red flags", () => {
  it("has the five emergency and five urgent questions of CLINICAL.md", () => {
    expect(RED_FLAG_QUESTIONS.filter((q) => q.level === "emergency").map((q) => q.id)).toEqual([
      "E1",
      "E2",
      "E3",
      "E4",
      "E5",
    ]);
    expect(RED_FLAG_QUESTIONS.filter((q) => q.level === "urgent")).toHaveLength(5);
  });

  it("is emergency when any E question is yes, even with urgent ones too (example 9)", () => {
    expect(
      redFlagLevel([
        { questionId: "E2", answer: true },
        { questionId: "U1", answer: true },
      ]),
    ).toBe("emergency");
  });

  it("is urgent for a U question alone, and null when everything is no", () => {
    expect(redFlagLevel([{ questionId: "U4", answer: true }])).toBe("urgent");
    expect(
      redFlagLevel(RED_FLAG_QUESTIONS.map((q) => ({ questionId: q.id, answer: false }))),
    ).toBeNull();
  });
});
