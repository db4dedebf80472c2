import { describe, expect, it } from "vitest";
import { findMeasure } from "./index";
import { formatScore, formItems, MeasureAnswerError, scoreChange, scoreResponse } from "./scoring";

const psfs = findMeasure("psfs")!;
const groc = findMeasure("groc")!;

const activities = [
  { id: "a1", text: "climb stairs" },
  { id: "a2", text: "run for 20 minutes" },
  { id: "a3", text: "kneel to garden" },
];
const psfsItems = formItems(psfs, activities);
const answers = (values: number[]) => values.map((value, i) => ({ itemId: `a${i + 1}`, value }));

describe("PSFS (Stratford et al. 1995): the mean of the activity scores", () => {
  it("asks one question per named activity, on the 0-10 scale", () => {
    expect(psfsItems.map((i) => i.text)).toEqual([
      "How well can you climb stairs today?",
      "How well can you run for 20 minutes today?",
      "How well can you kneel to garden today?",
    ]);
    expect(psfsItems[0]!.answer).toMatchObject({ type: "scale", min: 0, max: 10 });
  });

  it("scores the sum of the activity scores divided by the number of activities", () => {
    // The scoring of the PSFS form: total score = sum of the activity scores / number of activities.
    expect(scoreResponse(psfs, psfsItems, answers([3, 5, 4]))).toBe(4);
    expect(scoreResponse(psfs, psfsItems, answers([2, 3, 2]))).toBeCloseTo(7 / 3, 10);
    expect(scoreResponse(psfs, psfsItems.slice(0, 1), answers([6]))).toBe(6);
    expect(formatScore(psfs, 7 / 3)).toBe("2.3");
  });

  it("counts a rise of 2 points in the mean as the minimal important change, and 1.9 not", () => {
    // 3 activities from [3,5,4] (mean 4.0) to [6,7,5] (mean 6.0): +2.0, meaningful.
    expect(scoreChange(psfs, 4, 6)).toEqual({ change: 2, improvement: 2, meaningful: true });
    // Means of three answers are not exact in floating point: 4 to 6.0000000001 and back.
    expect(scoreChange(psfs, 7 / 3, 7 / 3 + 2).meaningful).toBe(true);
    expect(scoreChange(psfs, 4, 5.9).meaningful).toBe(false);
    // Worse is never meaningful improvement.
    expect(scoreChange(psfs, 6, 3)).toMatchObject({ change: -3, meaningful: false });
  });

  it("refuses a partial, doubled, foreign or off-scale answer with a sentence", () => {
    const refuse = (a: { itemId: string; value: number }[]) => () =>
      scoreResponse(psfs, psfsItems, a);
    expect(refuse(answers([3, 5]))).toThrow("Please answer every question.");
    expect(refuse([...answers([3, 5, 4]), { itemId: "a1", value: 2 }])).toThrow(
      "Please answer each question once.",
    );
    expect(refuse([...answers([3, 5, 4]), { itemId: "zz", value: 2 }])).toThrow(
      "Some answers are for questions that are not on this form.",
    );
    expect(refuse(answers([3, 11, 4]))).toThrow(MeasureAnswerError);
    expect(refuse(answers([3, 4.5, 4]))).toThrow("not on its scale");
    expect(() => scoreResponse(psfs, [], [])).toThrow("no questions");
  });
});

describe("Global Rating of Change (15-point, Jaeschke et al. 1989; Kamper et al. 2009)", () => {
  const items = formItems(groc, []);

  it("has one question with the 15 answers from -7 to +7", () => {
    expect(items).toHaveLength(1);
    const answer = items[0]!.answer;
    expect(answer.type === "choice" && answer.options.map((o) => o.value)).toEqual([
      7, 6, 5, 4, 3, 2, 1, 0, -1, -2, -3, -4, -5, -6, -7,
    ]);
  });

  it("scores the rating itself", () => {
    expect(scoreResponse(groc, items, [{ itemId: "overall-change", value: 5 }])).toBe(5);
    expect(scoreResponse(groc, items, [{ itemId: "overall-change", value: -2 }])).toBe(-2);
    expect(() => scoreResponse(groc, items, [{ itemId: "overall-change", value: 8 }])).toThrow(
      MeasureAnswerError,
    );
  });

  it("reads +3 (somewhat better) or more as important, and 'a little better' (+2) not", () => {
    expect(scoreChange(groc, 3, 3)).toEqual({ change: null, improvement: null, meaningful: true });
    expect(scoreChange(groc, 2, 2).meaningful).toBe(false);
    expect(formatScore(groc, 3, true)).toBe("+3");
  });
});
