import { describe, expect, it } from "vitest";
import type { Side, Sidedness } from "@/db/schema/enums";
import {
  allowedSides,
  correctedSide,
  defaultSide,
  defaultTemplateSide,
  firstSideConflict,
  describeDefaultDose,
  describeDose,
  describeFrequency,
  noteSideConflict,
  resolveSide,
  sideProblem,
  sidesNamedIn,
  sideWords,
  templateSides,
  type Dose,
} from "./dosage";

const base: Dose = {
  sets: null,
  reps: null,
  holdSeconds: null,
  restSeconds: null,
  durationSeconds: null,
  sessionsPerDay: 1,
  daysPerWeek: 7,
  side: "both",
  loadKg: null,
  bandColour: null,
};

describe("describeDose", () => {
  it("reads like the issue's example", () => {
    expect(
      describeDose(
        { ...base, sets: 2, reps: 10, holdSeconds: 5, side: "left", daysPerWeek: 5 },
        "one_leg",
      ),
    ).toBe("2 sets of 10, hold 5 s, left leg, once a day, 5 days a week");
  });

  it("says a single set as a count of times", () => {
    expect(describeDose({ ...base, sets: 1, reps: 10, sessionsPerDay: 2 }, "each_leg")).toBe(
      "10 times, each leg in turn, twice a day, every day",
    );
  });

  it("describes timed work in minutes", () => {
    expect(describeDose({ ...base, durationSeconds: 600, daysPerWeek: 3 }, "together")).toBe(
      "for 10 minutes, both legs together, once a day, 3 days a week",
    );
  });

  it("names the band or the load", () => {
    expect(
      describeDose({ ...base, sets: 3, reps: 12, bandColour: "red", side: "right" }, "one_leg"),
    ).toBe("3 sets of 12, with the red band, right leg, once a day, every day");
    expect(
      describeDose({ ...base, sets: 3, reps: 8, loadKg: 2.5, restSeconds: 90 }, "together"),
    ).toBe(
      "3 sets of 8, rest 1 min 30 s between sets, with 2.5 kg, both legs together, once a day, every day",
    );
  });

  it("counts repeated holds without reps", () => {
    expect(describeDose({ ...base, sets: 3, holdSeconds: 30, sessionsPerDay: 3 }, "each_leg")).toBe(
      "3 times, hold 30 s, each leg in turn, 3 times a day, every day",
    );
  });
});

describe("side words", () => {
  // Every side against every way of doing an exercise: one table, read row by row.
  const table: [Side, Sidedness, string][] = [
    ["both", "together", "both legs together"],
    ["left", "together", "both legs together"],
    ["right", "together", "both legs together"],
    ["both", "each_leg", "each leg in turn"],
    ["left", "each_leg", "left leg"],
    ["right", "each_leg", "right leg"],
    ["both", "one_leg", "each leg in turn"],
    ["left", "one_leg", "left leg"],
    ["right", "one_leg", "right leg"],
  ];
  it.each(table)("side %s of a %s exercise reads “%s”", (side, sidedness, words) => {
    expect(sideWords(side, sidedness)).toBe(words);
    expect(describeFrequency({ ...base, side }, sidedness)).toBe(`${words}, once a day, every day`);
  });

  it("names the affected leg in the library, where no patient is chosen yet", () => {
    expect(sideWords(null, "one_leg")).toBe("the affected leg");
    expect(sideWords(null, "each_leg")).toBe("each leg in turn");
    expect(sideWords(null, "together")).toBe("both legs together");
    expect(
      describeDefaultDose(
        {
          sets: 2,
          reps: 10,
          holdSeconds: null,
          restSeconds: null,
          durationSeconds: null,
          sessionsPerDay: 1,
          daysPerWeek: 4,
        },
        "one_leg",
      ),
    ).toEqual({
      session: "2 sets of 10",
      frequency: "the affected leg, once a day, 4 days a week",
      dose: "2 sets of 10, the affected leg, once a day, 4 days a week",
    });
  });
});

describe("the default side of a new item", () => {
  it("never takes the affected side for together or each-leg exercises", () => {
    for (const affected of ["left", "right", "both"] as const) {
      expect(defaultSide("together", affected)).toBe("both");
      expect(defaultSide("each_leg", affected)).toBe("both");
      expect(defaultSide("one_leg", affected)).toBe(affected);
    }
  });

  it("allows only both for together exercises and says why", () => {
    expect(allowedSides("together")).toEqual(["both"]);
    expect(allowedSides("each_leg")).toEqual(["both", "left", "right"]);
    expect(sideProblem("both", "together")).toBeNull();
    expect(sideProblem("left", "each_leg")).toBeNull();
    expect(sideProblem("left", "together")).toBe(
      "This exercise is done with both legs together, so it cannot be set to the left leg only. Set its side to both.",
    );
  });
});

describe("sides in templates", () => {
  it("offers a template both legs or the affected leg, and only both for together exercises", () => {
    expect(templateSides("together")).toEqual(["both"]);
    expect(templateSides("one_leg")).toEqual(["both", "affected"]);
    expect(defaultTemplateSide("one_leg")).toBe("affected");
    expect(defaultTemplateSide("each_leg")).toBe("both");
    expect(sideProblem("affected", "together")).toBe(
      "This exercise is done with both legs together, so it cannot be set to the affected leg only. Set its side to both.",
    );
    expect(sideProblem("affected", "one_leg")).toBeNull();
  });

  it("reads “the affected leg” until a program resolves it to the patient's side", () => {
    expect(sideWords("affected", "one_leg")).toBe("the affected leg");
    expect(sideWords("affected", "together")).toBe("both legs together");
    expect(resolveSide("affected", "right")).toBe("right");
    expect(resolveSide("affected", "both")).toBe("both");
    expect(resolveSide("left", "right")).toBe("left");
  });

  it("refuses a note asking for each leg on the affected leg, but not one naming a side", () => {
    expect(noteSideConflict("Each leg.", "affected", "one_leg")?.message).toBe(
      "The note says “each leg” but the patient is told “the affected leg”. Change the note or the side so they say the same.",
    );
    expect(noteSideConflict("Start with the left knee.", "affected", "one_leg")).toBeNull();
  });

  it("names the first exercise whose side or note does not fit, in the same words everywhere", () => {
    const exercises = new Map([
      ["squat", { name: "Wall squat", sidedness: "together" as const }],
      ["stretch", { name: "Hamstring stretch", sidedness: "each_leg" as const }],
    ]);
    const ok = { exerciseId: "stretch", side: "both" as const, notes: "Each leg." };
    expect(firstSideConflict([ok], exercises)).toBeNull();
    expect(
      firstSideConflict([ok, { exerciseId: "squat", side: "affected", notes: null }], exercises),
    ).toEqual({
      position: 1,
      message:
        "Wall squat is done with both legs together, so it cannot be set to the affected leg only. Set its side to both and save again.",
    });
    expect(firstSideConflict([{ ...ok, side: "left" }], exercises)?.message).toMatch(
      /^Hamstring stretch: the note says “each leg”/,
    );
  });
});

describe("a clinician's note against the item's side", () => {
  it("finds the side phrases a note uses, longest first", () => {
    expect(sidesNamedIn("Each leg.")).toEqual([{ names: "each", phrase: "each leg" }]);
    expect(sidesNamedIn("Both legs together, slowly")).toEqual([
      { names: "together", phrase: "both legs together" },
    ]);
    expect(sidesNamedIn("One leg at a time, left first")).toEqual([
      { names: "each", phrase: "one leg at a time" },
      { names: "left", phrase: "left" },
    ]);
    expect(sidesNamedIn("Do both sides.")).toEqual([{ names: "both", phrase: "both sides" }]);
  });

  it("does not read 'right' meaning correct, or 'upright', as a side", () => {
    expect(sidesNamedIn("Sit upright and start right away, all right?")).toEqual([]);
    expect(sidesNamedIn("Do it the right way; none left over")).toEqual([]);
    expect(sidesNamedIn("Keep the other knee bent")).toEqual([]);
    expect(sidesNamedIn("Keep your feet together and both knees soft")).toEqual([]);
  });

  const cases: [string, Side, Sidedness, string | null][] = [
    // The issue's own examples.
    ["Each leg.", "left", "each_leg", "each leg"],
    ["Keep the left knee soft", "right", "one_leg", "left"],
    ["Go gently on the left", "both", "together", "left"],
    ["Each leg.", "both", "together", "each leg"],
    ["Stand on one leg", "both", "together", "one leg"],
    // Notes that agree with the side.
    ["Each leg.", "both", "each_leg", null],
    ["Do both sides.", "both", "each_leg", null],
    ["Keep both feet flat", "both", "together", null],
    ["Left only for now", "left", "one_leg", null],
    ["Stand on one leg, hold a chair", "both", "each_leg", null],
    ["Mainly for pain on the outside of the knee.", "right", "each_leg", null],
    [null as unknown as string, "left", "each_leg", null],
    // Notes that name the other way of doing it.
    ["Both legs together", "both", "each_leg", "both legs together"],
    ["Do both legs", "right", "one_leg", "both legs"],
    ["Then the other leg", "left", "each_leg", "then the other leg"],
    ["Right first, then left", "both", "each_leg", "right"],
  ];
  it.each(cases)("note %j on side %s of a %s exercise → %j", (notes, side, sidedness, phrase) => {
    const conflict = noteSideConflict(notes, side, sidedness);
    expect(conflict?.phrase ?? null).toBe(phrase);
  });

  it("says what the note says, what the patient is told, and what to change", () => {
    expect(noteSideConflict("Each leg.", "left", "each_leg")?.message).toBe(
      "The note says “each leg” but the patient is told “left leg”. Change the note or the side so they say the same.",
    );
  });
});

describe("correcting a saved item's side", () => {
  it("puts a together exercise back on both legs, whatever the note", () => {
    expect(correctedSide({ side: "left", notes: null }, "together")).toBe("both");
    expect(correctedSide({ side: "right", notes: "Right knee sore" }, "together")).toBe("both");
    expect(correctedSide({ side: "both", notes: null }, "together")).toBe("both");
  });

  it("follows a note that asks for each leg when it names no single side", () => {
    expect(correctedSide({ side: "left", notes: "Each leg." }, "each_leg")).toBe("both");
    expect(correctedSide({ side: "right", notes: "Do both sides." }, "each_leg")).toBe("both");
    expect(correctedSide({ side: "left", notes: "Each side." }, "one_leg")).toBe("both");
  });

  it("leaves what only the clinician can decide", () => {
    expect(correctedSide({ side: "left", notes: "Each leg, left first" }, "each_leg")).toBe("left");
    expect(correctedSide({ side: "left", notes: "Right only" }, "one_leg")).toBe("left");
    expect(correctedSide({ side: "left", notes: null }, "each_leg")).toBe("left");
    expect(correctedSide({ side: "both", notes: "Left only" }, "each_leg")).toBe("both");
  });
});
