import { describe, expect, it } from "vitest";
import {
  countChanges,
  doseRow,
  fieldsToFix,
  joinDuration,
  moveRow,
  rowWords,
  sideChoices,
  splitDuration,
  validateRow,
  type DoseContext,
  type RowExercise,
} from "./dose-row";

const exercise = (sidedness: RowExercise["sidedness"], name = "Exercise"): RowExercise => ({
  id: `ex-${sidedness}`,
  name,
  sidedness,
  archived: false,
  figure: null,
});
const squat = exercise("together", "Wall squat");
const stretch = exercise("each_leg", "Hamstring stretch");
const quads = exercise("one_leg", "Quadriceps sets");
const bike = exercise("together", "Gentle exercise bike");
const dose = {
  sets: 2,
  reps: 10,
  holdSeconds: 5,
  restSeconds: null,
  durationSeconds: null,
  sessionsPerDay: 1,
  daysPerWeek: 5,
};
const program: DoseContext = { kind: "program", affectedSide: "left" };
const template: DoseContext = { kind: "template" };

describe("the duration in minutes and seconds", () => {
  it("shows seconds as minutes and seconds, and adds them back up", () => {
    expect(splitDuration(600)).toEqual({ minutes: "10", seconds: "0" });
    expect(splitDuration(90)).toEqual({ minutes: "1", seconds: "30" });
    expect(splitDuration(null)).toEqual({ minutes: "", seconds: "" });
    expect(joinDuration("10", "")).toBe(600);
    expect(joinDuration("", "45")).toBe(45);
    expect(joinDuration(" 1 ", "30")).toBe(90);
    expect(joinDuration("", "")).toBeNull();
  });

  it("refuses parts that are not whole minutes or 0 to 59 seconds", () => {
    for (const [m, s] of [
      ["1.5", ""],
      ["-1", ""],
      ["ten", ""],
      ["1", "60"],
    ] as const) {
      expect(joinDuration(m, s)).toBeNaN();
    }
  });

  it("saves the bike typed as 10 min as 600 seconds and says “10 minutes”", () => {
    const row = {
      ...doseRow("a", bike, { ...dose, sets: null, reps: null, holdSeconds: null }, program),
      durationMinutes: "10",
    };
    expect(validateRow(row).item?.durationSeconds).toBe(600);
    expect(rowWords(row)).toBe("for 10 minutes, both legs together, once a day, 5 days a week");
  });

  it("keeps a bad duration as typed and says what to fix beside it", () => {
    const row = {
      ...doseRow("a", bike, dose, program),
      durationMinutes: "2",
      durationSeconds: "75",
    };
    const { item, errors } = validateRow(row);
    expect(item).toBeNull();
    expect(errors.duration).toMatch(/whole minutes and seconds \(0 to 59\)/);
    expect(row.durationSeconds).toBe("75");
    const long = { ...row, durationMinutes: "121", durationSeconds: "0" };
    expect(validateRow(long).errors.duration).toBe("Duration can be at most 120 minutes.");
  });
});

describe("a row checked by the one dose schema", () => {
  it("keys each message by its field and keeps what was typed", () => {
    const row = {
      ...doseRow("a", squat, dose, program),
      sets: "21",
      daysPerWeek: "9",
      load: "kg" as const,
      loadKg: "lots",
    };
    const { item, errors } = validateRow(row);
    expect(item).toBeNull();
    expect(errors).toMatchObject({
      sets: "Sets can be at most 20.",
      daysPerWeek: "Days a week can be at most 7.",
      loadKg: "Load must be a number of kilograms.",
    });
    expect(fieldsToFix(errors)).toBe("sets, days a week and load");
    expect(row.sets).toBe("21");
  });

  it("reads a load typed with a comma, and a band colour only when a band is chosen", () => {
    const kg = { ...doseRow("a", squat, dose, program), load: "kg" as const, loadKg: "2,5" };
    expect(validateRow(kg).item).toMatchObject({ loadKg: 2.5, bandColour: null });
    const band = { ...kg, load: "band" as const, bandColour: "red" as const };
    expect(validateRow(band).item).toMatchObject({ loadKg: null, bandColour: "red" });
  });

  it("refuses one leg for a together exercise and a note that names another side", () => {
    const forced = { ...doseRow("a", squat, dose, template), side: "affected" as const };
    expect(validateRow(forced).errors.side).toMatch(/cannot be set to the affected leg only/);
    const noted = {
      ...doseRow("b", stretch, dose, program),
      side: "left" as const,
      notes: "Each leg",
    };
    expect(validateRow(noted).errors.notes).toBe(
      "The note says “each leg” but the patient is told “left leg”. Change the note or the side so they say the same.",
    );
  });
});

describe("sides in each editor", () => {
  it("starts a program's one-leg exercise on the patient's side, a template's on the affected leg", () => {
    expect(doseRow("a", quads, dose, program).side).toBe("left");
    expect(doseRow("a", quads, dose, template).side).toBe("affected");
    expect(doseRow("a", stretch, dose, program).side).toBe("both");
    expect(doseRow("a", stretch, dose, template).side).toBe("both");
  });

  it("turns a template's “affected leg” into the patient's side in a program", () => {
    const right: DoseContext = { kind: "program", affectedSide: "right" };
    expect(doseRow("a", quads, { ...dose, side: "affected" }, right).side).toBe("right");
    expect(doseRow("a", squat, { ...dose, side: "left" }, right).side).toBe("both");
  });

  it("offers a program the patient's sides and a template both legs or the affected leg", () => {
    expect(sideChoices(doseRow("a", quads, dose, program), program)).toEqual([
      "both",
      "left",
      "right",
    ]);
    expect(sideChoices(doseRow("a", quads, dose, template), template)).toEqual([
      "both",
      "affected",
    ]);
    expect(sideChoices(doseRow("a", squat, dose, template), template)).toEqual(["both"]);
    const older = { ...doseRow("a", quads, dose, template), side: "left" as const };
    expect(sideChoices(older, template)).toEqual(["both", "affected", "left"]);
    expect(rowWords(doseRow("a", quads, dose, template))).toBe(
      "2 sets of 10, hold 5 s, the affected leg, once a day, 5 days a week",
    );
  });
});

describe("unsaved changes and order", () => {
  const start = [
    doseRow("a", squat, dose, program),
    doseRow("b", stretch, dose, program),
    doseRow("c", quads, dose, program),
  ];

  it("counts each exercise added, removed or changed, and a new order, once", () => {
    expect(countChanges(start, start)).toBe(0);
    const [a, b, c] = start as [(typeof start)[0], (typeof start)[0], (typeof start)[0]];
    expect(countChanges(start, [a, { ...b, reps: "12", sets: "3" }, c])).toBe(1);
    expect(countChanges(start, [a, b])).toBe(1);
    expect(countChanges(start, [...start, doseRow("d", bike, dose, program)])).toBe(1);
    expect(countChanges(start, [c, a, b])).toBe(1);
    expect(countChanges(start, [c, a, { ...b, notes: "x" }])).toBe(2);
    // Typing a number and then typing it back leaves nothing to save.
    expect(countChanges(start, [a, { ...b, reps: "10" }, c])).toBe(0);
    // A load typed and then switched off again is no change either.
    expect(countChanges(start, [{ ...a, loadKg: "4" }, b, c])).toBe(0);
  });

  it("moves a row up or down and ignores moves past either end", () => {
    expect(moveRow(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(moveRow(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveRow(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moveRow(["a", "b", "c"], 2, 3)).toEqual(["a", "b", "c"]);
  });
});
