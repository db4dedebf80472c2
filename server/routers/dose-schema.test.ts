import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertPatient, readIn, sharedExercise } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { templateItems } from "@/db/schema";
import type { DoseItemInput } from "@/lib/schemas/dose";
import { staffCaller } from "@/server/testing/callers";
import { errorShape, refusal } from "@/server/testing/errors";
import { buildTwoClinicsWithAdminB, type TwoClinicsWithAdminB } from "@/server/testing/world";

/**
 * One dose schema: every case below goes through a program's save and a template's create and
 * update, and all three must answer the same, accepting it or refusing it with the same sentence.
 */
let t: TestDb;
let w: TwoClinicsWithAdminB;
const ids: Record<"stretch" | "squat" | "quads", string> = { stretch: "", squat: "", quads: "" };
let templateId = "";

beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinicsWithAdminB(t.db);
  ids.stretch = (await sharedExercise(t.db, "hamstring-stretch")).id;
  ids.squat = (await sharedExercise(t.db, "wall-squat")).id;
  ids.quads = (await sharedExercise(t.db, "quadriceps-sets")).id;
  templateId = (
    await staffCaller(t.db, w.adminA).templates.create({
      name: "Updated by every case",
      condition: "runners_knee",
      description: "",
      items: [item()],
    })
  ).id;
});
afterAll(() => t.cleanup());

function item(over: Partial<DoseItemInput> = {}): DoseItemInput {
  return {
    exerciseId: ids.stretch,
    sets: 2,
    reps: 10,
    holdSeconds: null,
    restSeconds: null,
    durationSeconds: null,
    sessionsPerDay: 1,
    daysPerWeek: 5,
    side: "both",
    loadKg: null,
    bandColour: null,
    notes: null,
    ...over,
  };
}

/** "accepted", or the code and the sentence the user reads (the field's own, when there is one). */
async function answer(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "accepted";
  } catch {
    const error = await refusal(call);
    const fields = errorShape(error).data.fieldErrors as Record<string, string[]> | null;
    return `${error.code}: ${fields ? Object.values(fields).flat().join(" / ") : error.message}`;
  }
}

async function throughEveryDoor(items: DoseItemInput[]) {
  const patient = await insertPatient(t.db, {
    clinicId: w.clinicA.id,
    primaryClinicianId: w.clinicianA.id,
    affectedSide: "left",
  });
  const program = await answer(
    staffCaller(t.db, w.clinicianA).programs.saveVersion({
      patientId: patient.id,
      baseVersionNumber: null,
      reason: "initial",
      note: null,
      painLimit: 5,
      items,
    }),
  );
  const admin = staffCaller(t.db, w.adminA);
  const draft = { name: "Dose case", condition: "runners_knee" as const, description: "", items };
  const created = await answer(admin.templates.create(draft));
  const updated = await answer(admin.templates.update({ templateId, ...draft }));
  return { program, created, updated };
}

const accepted = "accepted";
const refused = (message: string) => `BAD_REQUEST: ${message}`;
const conflict = (message: string) => `CONFLICT: ${message}`;

/** Each case names its items late: the exercise ids exist only once the database is built. */
const CASES: [string, () => DoseItemInput[], string][] = [
  ["a plain dose", () => [item()], accepted],
  ["20 sets", () => [item({ sets: 20 })], accepted],
  ["21 sets", () => [item({ sets: 21 })], refused("Sets can be at most 20.")],
  ["no sets", () => [item({ sets: 0 })], refused("Sets must be at least 1.")],
  ["half a set", () => [item({ sets: 2.5 })], refused("Sets must be a whole number.")],
  ["200 reps", () => [item({ reps: 200 })], accepted],
  ["201 reps", () => [item({ reps: 201 })], refused("Reps can be at most 200.")],
  ["a 10-minute hold", () => [item({ holdSeconds: 600 })], accepted],
  [
    "a hold over 10 minutes",
    () => [item({ holdSeconds: 601 })],
    refused("Hold can be at most 10 minutes."),
  ],
  ["a negative hold", () => [item({ holdSeconds: -1 })], refused("Hold cannot be negative.")],
  [
    "a rest over 10 minutes",
    () => [item({ restSeconds: 601 })],
    refused("Rest can be at most 10 minutes."),
  ],
  ["2 hours", () => [item({ reps: null, durationSeconds: 7200 })], accepted],
  [
    "over 2 hours",
    () => [item({ reps: null, durationSeconds: 7201 })],
    refused("Duration can be at most 120 minutes."),
  ],
  [
    "a duration of nothing",
    () => [item({ reps: null, durationSeconds: 0 })],
    refused("Duration must be at least 1 second."),
  ],
  ["10 sessions a day", () => [item({ sessionsPerDay: 10 })], accepted],
  [
    "11 sessions a day",
    () => [item({ sessionsPerDay: 11 })],
    refused("Sessions a day can be at most 10."),
  ],
  ["8 days a week", () => [item({ daysPerWeek: 8 })], refused("Days a week can be at most 7.")],
  ["2.5 kg", () => [item({ loadKg: 2.5 })], accepted],
  ["200.5 kg", () => [item({ loadKg: 200.5 })], refused("Load can be at most 200 kg.")],
  ["a negative load", () => [item({ loadKg: -1 })], refused("Load cannot be negative.")],
  ["a red band", () => [item({ bandColour: "red" })], accepted],
  [
    "a weight and a band",
    () => [item({ loadKg: 2, bandColour: "red" })],
    refused("Give either a load in kg or a band colour, not both."),
  ],
  ["no amount", () => [item({ reps: null })], refused("Say how much: reps, a hold or a duration.")],
  ["a 500-character note", () => [item({ notes: "a".repeat(500) })], accepted],
  [
    "a 501-character note",
    () => [item({ notes: "a".repeat(501) })],
    refused("Keep the note to 500 characters or fewer."),
  ],
  ["the affected leg", () => [item({ exerciseId: ids.quads, side: "affected" })], accepted],
  [
    "a side that is not one",
    () => [item({ side: "sideways" as "both" })],
    refused("Choose the side: both legs, the affected leg, left or right."),
  ],
  [
    "a together exercise on the affected leg",
    () => [item({ exerciseId: ids.squat, side: "affected" })],
    conflict(
      "Wall squat is done with both legs together, so it cannot be set to the affected leg only. Set its side to both and save again.",
    ),
  ],
  [
    "a note naming another side",
    () => [item({ side: "left", notes: "Each leg." })],
    conflict(
      "Hamstring stretch: the note says “each leg” but the patient is told “left leg”. Change the note or the side so they say the same.",
    ),
  ],
  ["no exercise", () => [], refused("Add at least one exercise.")],
  [
    "31 exercises",
    () => Array.from({ length: 31 }, () => item()),
    refused("30 exercises at most."),
  ],
];

describe("one dose schema for programs and templates", () => {
  it.each(CASES)(
    "%s: the program and both template saves answer the same",
    async (_name, items, expected) => {
      expect(await throughEveryDoor(items())).toEqual({
        program: expected,
        created: expected,
        updated: expected,
      });
    },
  );

  it("keeps a template's side and load as given", async () => {
    const admin = staffCaller(t.db, w.adminA);
    const { id } = await admin.templates.create({
      name: "With side and load",
      condition: "runners_knee",
      description: "",
      items: [item({ exerciseId: ids.quads, side: "affected", loadKg: 1.5 })],
    });
    const rows = await readIn(t.db, (db) =>
      db.select().from(templateItems).where(eq(templateItems.templateId, id)),
    );
    expect(rows.map((r) => [r.side, r.loadKg, r.bandColour])).toEqual([["affected", 1.5, null]]);
  });
});
