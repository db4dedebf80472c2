import { describe, expect, it } from "vitest";
import {
  RED_FLAG_QUESTIONS,
  RED_FLAG_SET_VERSION,
  redFlagLevel,
  redFlagQuestionSet,
  redFlagQuestionText,
  yesAtLevel,
} from "./red-flags";

describe("red flags, question set 2", () => {
  it("asks the seven emergency and six urgent questions of CLINICAL.md", () => {
    expect(RED_FLAG_SET_VERSION).toBe(2);
    expect(RED_FLAG_QUESTIONS.filter((q) => q.level === "emergency").map((q) => q.id)).toEqual([
      "E1",
      "E2",
      "E3",
      "E4",
      "E5",
      "E6",
      "E7",
    ]);
    expect(RED_FLAG_QUESTIONS.filter((q) => q.level === "urgent").map((q) => q.id)).toEqual([
      "U1",
      "U2",
      "U3",
      "U4",
      "U5",
      "U6",
    ]);
  });

  it("words each statement as CLINICAL.md does: new where it matters, no double negative", () => {
    for (const q of RED_FLAG_QUESTIONS) {
      expect(q.text).toMatch(/^[A-Z]/);
      expect(q.text).not.toMatch(/\b(not|no|never)\b.*\b(not|no|never)\b/i);
    }
    const byId = (id: string) => RED_FLAG_QUESTIONS.find((q) => q.id === id)!.text;
    expect(byId("E1")).toBe(
      "New numbness or tingling around the groin, genitals, buttocks or inner thighs, or a new change in feeling during sex",
    );
    expect(byId("E4")).toBe(
      "Your knee has become hot, red or swollen and you feel feverish, shivery or unwell",
    );
    // With no fever needed after an injection or an operation.
    expect(byId("E5")).toMatch(/injection into it or an operation on it$/);
    expect(byId("E6")).toBe("Sudden shortness of breath, chest pain, or coughing up blood");
    expect(byId("U5")).toMatch(/^New pain at night or at rest/);
    expect(byId("U6")).toMatch(/^A new fever/);
  });

  it("is emergency when any E question is yes, even with urgent ones too (example 9)", () => {
    expect(
      redFlagLevel([
        { questionId: "U1", answer: true },
        { questionId: "E2", answer: true },
        { questionId: "E3", answer: false },
      ]),
    ).toBe("emergency");
  });

  it("is urgent for a U question alone and null when all are no", () => {
    expect(redFlagLevel([{ questionId: "U6", answer: true }])).toBe("urgent");
    expect(
      redFlagLevel(RED_FLAG_QUESTIONS.map((q) => ({ questionId: q.id, answer: false }))),
    ).toBeNull();
  });

  it("keeps set 1 readable as it was asked, and reads ids by their own set", () => {
    expect(redFlagQuestionSet(1)).toHaveLength(10);
    expect(redFlagQuestionText("E5", 1)).toMatch(/fall or injury/);
    expect(redFlagQuestionText("E5", 2)).toMatch(/injection/);
    expect(redFlagQuestionText("E9", 2)).toBe("question E9");
    expect(yesAtLevel([{ questionId: "E5", answer: true }], "emergency", 1)).toEqual(["E5"]);
    expect(redFlagLevel([{ questionId: "E7", answer: true }], 1)).toBeNull();
  });
});
