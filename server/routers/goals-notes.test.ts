import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  insertCheckIn,
  insertPatient,
  insertPatientLink,
  insertProgramVersion,
  insertUser,
  readIn,
  sharedExercise,
} from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import {
  auditEvents,
  clinicalNoteRevisions,
  dischargeSummaries,
  goals,
  measureActivities,
  measureResponses,
  measureSchedules,
  patients,
} from "@/db/schema";
import { READ_ACTION } from "@/server/audit-classification";
import { addDays, dayInZone } from "@/server/domain/days";
import { anonymousCaller, patientCaller, staffCaller } from "@/server/testing/callers";
import { codeOf, errorShape, refusal } from "@/server/testing/errors";
import { buildTwoClinics, type TwoClinics } from "@/server/testing/world";

let t: TestDb;
let w: TwoClinics;
/** A second clinician of clinic A: may read the notes, may not edit another's. */
let colleague: Awaited<ReturnType<typeof insertUser>>;
afterAll(() => t?.cleanup());
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
  colleague = await insertUser(t.db, { clinicId: w.clinicA.id, role: "clinician" });
});

const GOAL = {
  what: "Walk the dog to the park",
  measure: "Minutes walked without stopping",
  target: "30 minutes",
  targetDay: "2027-01-31",
};

/** What the database said when it refused a write, through drizzle's "Failed query" wrapper. */
async function databaseRefusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return "accepted";
  } catch (error) {
    const said: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) said.push(e.message);
    return said.join(" / ");
  }
}

/** The per-field messages a refusal carries, as the form receives them. */
function fieldErrorsOf(error: Parameters<typeof errorShape>[0]) {
  return (errorShape(error).data.fieldErrors ?? {}) as Record<string, string[] | undefined>;
}

/** The audit rows of one patient, oldest first. */
function auditOf(patientId: string) {
  return readIn(t.db, (db) =>
    db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.patientId, patientId))
      .orderBy(asc(auditEvents.seq)),
  );
}

async function newPatient(name: string) {
  return insertPatient(t.db, {
    clinicId: w.clinicA.id,
    primaryClinicianId: w.clinicianA.id,
    displayName: name,
  });
}

describe("goals", () => {
  it("are set, reworded and moved through their statuses, with when each status began", async () => {
    const patient = await newPatient("Gina Goals");
    const api = staffCaller(t.db, w.clinicianA);
    const { id } = await api.goals.create({ patientId: patient.id, ...GOAL });
    let [goal] = (await api.goals.list({ patientId: patient.id })).goals;
    expect(goal).toMatchObject({ id, ...GOAL, status: "active", psfsActivityId: null });
    expect(goal!.createdByName).toBe(w.clinicianA.name);

    await api.goals.update({ goalId: id, ...GOAL, target: "45 minutes" });
    const before = goal!.statusChangedAt;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await api.goals.setStatus({ goalId: id, status: "met" });
    [goal] = (await api.goals.list({ patientId: patient.id })).goals;
    expect(goal).toMatchObject({ target: "45 minutes", status: "met" });
    expect(goal!.statusChangedAt.getTime()).toBeGreaterThan(before.getTime());

    // The same status again is no change: its date stays, and nothing more is audited.
    const rows = (await auditOf(patient.id)).length;
    await api.goals.setStatus({ goalId: id, status: "met" });
    // A new request, so its read is audited on its own (one read row per request and patient).
    const [again] = (await staffCaller(t.db, w.clinicianA).goals.list({ patientId: patient.id }))
      .goals;
    expect(again!.statusChangedAt).toEqual(goal!.statusChangedAt);
    const audit = await auditOf(patient.id);
    expect(audit.filter((r) => r.action !== READ_ACTION)).toHaveLength(3);
    expect(audit.length).toBe(rows + 1); // the list's read row only
    const writes = audit.filter((r) => r.action.startsWith("goal."));
    expect(writes.map((r) => r.action)).toEqual(["goal.create", "goal.update", "goal.status"]);
    expect(writes[2]).toMatchObject({
      entityType: "goal",
      entityId: id,
      actorId: w.clinicianA.id,
      before: { status: "active" },
      after: { status: "met" },
    });
    // The trail keeps the state, never the patient's own words.
    expect(JSON.stringify(writes)).not.toContain("dog");
  });

  it("refuse an incomplete goal with a message beside each field, and write nothing", async () => {
    const patient = await newPatient("Ivy Incomplete");
    const api = staffCaller(t.db, w.clinicianA);
    const error = await refusal(
      api.goals.create({ patientId: patient.id, ...GOAL, what: "  ", targetDay: "2027-02-30" }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    const fields = fieldErrorsOf(error);
    expect(fields.what?.[0]).toMatch(/what the patient wants/);
    expect(fields.targetDay?.[0]).toMatch(/day to reach the goal/);
    expect((await api.goals.list({ patientId: patient.id })).goals).toEqual([]);
  });

  it("may name one of the patient's own PSFS activities, and no one else's", async () => {
    const patient = await newPatient("Pat Psfs");
    const other = await newPatient("Olly Other");
    const [mine, theirs] = await t.db.write(null, (tx) =>
      tx
        .insert(measureActivities)
        .values(
          [patient, other].map((p) => ({
            clinicId: w.clinicA.id,
            patientId: p.id,
            measureId: "psfs",
            position: 1,
            text: "Going down stairs",
            createdBy: w.clinicianA.id,
          })),
        )
        .returning(),
    );
    const api = staffCaller(t.db, w.clinicianA);
    const goal = await api.goals.create({
      patientId: patient.id,
      ...GOAL,
      psfsActivityId: mine!.id,
    });
    const [listed] = (await api.goals.list({ patientId: patient.id })).goals;
    expect(listed).toMatchObject({ id: goal.id, psfsActivityId: mine!.id });
    expect(
      await codeOf(
        api.goals.create({ patientId: patient.id, ...GOAL, psfsActivityId: theirs!.id }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await codeOf(api.goals.update({ goalId: goal.id, ...GOAL, psfsActivityId: theirs!.id })),
    ).toBe("NOT_FOUND");
  });

  it("are not set for a discharged patient", async () => {
    const patient = await newPatient("Dora Done");
    const api = staffCaller(t.db, w.clinicianA);
    await api.discharge.discharge({ patientId: patient.id, closingNote: "All done." });
    expect(await codeOf(api.goals.create({ patientId: patient.id, ...GOAL }))).toBe("CONFLICT");
  });

  it("show on the patient's phone, their own only and not the dropped ones", async () => {
    const patient = await newPatient("Pia Phone");
    const other = await newPatient("Olga Other");
    const api = staffCaller(t.db, w.clinicianA);
    const kept = await api.goals.create({ patientId: patient.id, ...GOAL });
    const dropped = await api.goals.create({ patientId: patient.id, ...GOAL, what: "Run 5 km" });
    await api.goals.setStatus({ goalId: dropped.id, status: "dropped" });
    await api.goals.create({ patientId: other.id, ...GOAL, what: "Someone else's goal" });
    const { token } = await insertPatientLink(t.db, {
      clinicId: w.clinicA.id,
      patientId: patient.id,
      createdBy: w.clinicianA.id,
    });
    const mine = await patientCaller(t.db, token).goals.mine();
    expect(mine.goals.map((g) => g.id)).toEqual([kept.id]);
    expect(mine.goals[0]).toEqual(
      expect.not.objectContaining({ createdByName: expect.anything() }),
    );
    const reads = (await auditOf(patient.id)).filter(
      (r) => r.action === READ_ACTION && r.actorKind === "patient_link",
    );
    expect(reads).toHaveLength(1);
    expect(reads[0]!.entityType).toBe("goals");
  });

  it("of another clinic behave like goals that do not exist", async () => {
    const api = staffCaller(t.db, w.clinicianB);
    const own = await staffCaller(t.db, w.clinicianA).goals.create({
      patientId: w.patientA.id,
      ...GOAL,
    });
    expect(await codeOf(api.goals.list({ patientId: w.patientA.id }))).toBe("NOT_FOUND");
    expect(await codeOf(api.goals.create({ patientId: w.patientA.id, ...GOAL }))).toBe("NOT_FOUND");
    expect(await codeOf(api.goals.setStatus({ goalId: own.id, status: "dropped" }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(api.goals.update({ goalId: own.id, ...GOAL }))).toBe("NOT_FOUND");
    const [row] = await readIn(t.db, (db) => db.select().from(goals).where(eq(goals.id, own.id)));
    expect(row!.status).toBe("active");
  });
});

describe("clinical notes", () => {
  it("are edited by their author only, each edit a new revision with the old one kept", async () => {
    const patient = await newPatient("Nora Notes");
    const author = staffCaller(t.db, w.clinicianA);
    const note = await author.notes.create({
      patientId: patient.id,
      day: "2026-11-30",
      format: "free",
      body: "Knee swollen after the weekend's walk.",
    });
    expect(note.revision).toBe(1);
    const edited = await author.notes.edit({
      noteId: note.id,
      baseRevision: 1,
      day: "2026-11-29",
      format: "soap",
      subjective: "Swollen after a long walk.",
      objective: "Mild effusion.",
      assessment: "",
      plan: "Hold the program a week.",
    });
    expect(edited.revision).toBe(2);

    const [listed] = (await author.notes.list({ patientId: patient.id })).notes;
    expect(listed).toMatchObject({
      id: note.id,
      authorName: w.clinicianA.name,
      canEdit: true,
      current: {
        number: 2,
        day: "2026-11-29",
        format: "soap",
        body: null,
        assessment: null,
        plan: "Hold the program a week.",
      },
    });
    expect(listed!.earlier.map((r) => [r.number, r.format, r.body])).toEqual([
      [1, "free", "Knee swollen after the weekend's walk."],
    ]);

    // A colleague reads it, and may not edit it.
    const other = staffCaller(t.db, colleague);
    const [seen] = (await other.notes.list({ patientId: patient.id })).notes;
    expect(seen!.canEdit).toBe(false);
    const refused = await refusal(
      other.notes.edit({
        noteId: note.id,
        baseRevision: 2,
        day: "2026-11-30",
        format: "free",
        body: "Mine now",
      }),
    );
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toContain(w.clinicianA.name);
    // An edit from a stale copy (another tab) is refused rather than replacing the newer text.
    expect(
      await codeOf(
        author.notes.edit({
          noteId: note.id,
          baseRevision: 1,
          day: "2026-11-30",
          format: "free",
          body: "Stale",
        }),
      ),
    ).toBe("CONFLICT");
    const revisions = await readIn(t.db, (db) =>
      db.select().from(clinicalNoteRevisions).where(eq(clinicalNoteRevisions.noteId, note.id)),
    );
    expect(revisions).toHaveLength(2);

    const audit = await auditOf(patient.id);
    const writes = audit.filter((r) => r.entityType === "clinical-note");
    expect(writes.map((r) => [r.action, r.actorId, r.after])).toEqual([
      ["note.create", w.clinicianA.id, { revision: 1, day: "2026-11-30", format: "free" }],
      ["note.edit", w.clinicianA.id, { revision: 2, day: "2026-11-29", format: "soap" }],
    ]);
    expect(JSON.stringify(audit)).not.toContain("Swollen");
    const reads = audit.filter((r) => r.action === READ_ACTION);
    expect(reads.map((r) => [r.entityType, r.actorId])).toEqual([
      ["clinical-notes", w.clinicianA.id],
      ["clinical-notes", colleague.id],
    ]);
  });

  it("keep what was said: the database refuses to change or remove a revision", async () => {
    const patient = await newPatient("Rita Revisions");
    const note = await staffCaller(t.db, w.clinicianA).notes.create({
      patientId: patient.id,
      day: "2026-11-30",
      format: "free",
      body: "First words.",
    });
    expect(
      await databaseRefusal(
        t.db.write(null, (tx) =>
          tx
            .update(clinicalNoteRevisions)
            .set({ body: "Rewritten." })
            .where(eq(clinicalNoteRevisions.noteId, note.id)),
        ),
      ),
    ).toMatch(/append-only/);
    expect(
      await databaseRefusal(
        t.db.write(null, (tx) =>
          tx.delete(clinicalNoteRevisions).where(eq(clinicalNoteRevisions.noteId, note.id)),
        ),
      ),
    ).toMatch(/append-only/);
  });

  it("refuse an empty note with the field to fix, and a SOAP note needs one part", async () => {
    const patient = await newPatient("Ed Empty");
    const api = staffCaller(t.db, w.clinicianA);
    const free = await refusal(
      api.notes.create({ patientId: patient.id, day: "2026-11-30", format: "free", body: " " }),
    );
    expect(fieldErrorsOf(free).body?.[0]).toBe("Write the note.");
    const soap = await refusal(
      api.notes.create({ patientId: patient.id, day: "2026-11-30", format: "soap" }),
    );
    expect(fieldErrorsOf(soap).subjective?.[0]).toMatch(/at least one/);
    expect((await api.notes.list({ patientId: patient.id })).notes).toEqual([]);
  });

  it("are the clinic's staff's only: no patient, visitor or other clinic reads them", async () => {
    const note = await staffCaller(t.db, w.clinicianA).notes.create({
      patientId: w.patientA.id,
      day: "2026-11-30",
      format: "free",
      body: "Staff only.",
    });
    const { token } = await insertPatientLink(t.db, {
      clinicId: w.clinicA.id,
      patientId: w.patientA.id,
      createdBy: w.clinicianA.id,
    });
    const phone = patientCaller(t.db, token);
    expect(await codeOf(phone.notes.list({ patientId: w.patientA.id }))).toBe("UNAUTHORIZED");
    expect(await codeOf(anonymousCaller(t.db).notes.list({ patientId: w.patientA.id }))).toBe(
      "UNAUTHORIZED",
    );
    const b = staffCaller(t.db, w.clinicianB);
    expect(await codeOf(b.notes.list({ patientId: w.patientA.id }))).toBe("NOT_FOUND");
    expect(
      await codeOf(
        b.notes.edit({
          noteId: note.id,
          baseRevision: 1,
          day: "2026-11-30",
          format: "free",
          body: "x",
        }),
      ),
    ).toBe("NOT_FOUND");
  });
});

describe("discharge with a summary", () => {
  it("ends the episode with the closing note, once, in one transaction with its audit", async () => {
    const patient = await newPatient("Dan Discharge");
    const api = staffCaller(t.db, w.clinicianA);
    const empty = await refusal(
      api.discharge.discharge({ patientId: patient.id, closingNote: "" }),
    );
    expect(fieldErrorsOf(empty).closingNote?.[0]).toMatch(/closing note/);
    const [still] = await readIn(t.db, (db) =>
      db.select().from(patients).where(eq(patients.id, patient.id)),
    );
    expect(still!.status).toBe("active");

    const done = await api.discharge.discharge({ patientId: patient.id, closingNote: "Done." });
    expect(
      await codeOf(api.discharge.discharge({ patientId: patient.id, closingNote: "Again" })),
    ).toBe("CONFLICT");
    const rows = await readIn(t.db, (db) =>
      db.select().from(dischargeSummaries).where(eq(dischargeSummaries.patientId, patient.id)),
    );
    expect(rows.map((r) => r.id)).toEqual([done.summaryId]);
    const actions = (await auditOf(patient.id)).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(["patient.discharge", "discharge-summary.create"]),
    );
    // No summary yet is none; an unknown summary id, like another clinic's patient, is not found.
    expect(await api.discharge.summary({ patientId: w.patientA.id })).toBeNull();
    expect(
      await codeOf(api.discharge.summary({ patientId: patient.id, summaryId: w.patientA.id })),
    ).toBe("NOT_FOUND");
    expect(
      await codeOf(staffCaller(t.db, w.clinicianB).discharge.summary({ patientId: patient.id })),
    ).toBe("NOT_FOUND");
    expect(
      await codeOf(
        staffCaller(t.db, w.clinicianB).discharge.discharge({
          patientId: w.patientA.id,
          closingNote: "Not mine",
        }),
      ),
    ).toBe("NOT_FOUND");
  });

  it("summarises the episode: versions and why, adherence, pain from baseline to end, goals, note", async () => {
    const patient = await newPatient("Sam Summary");
    const squat = await sharedExercise(t.db, "wall-squat");
    const now = new Date();
    const today = dayInZone(now, patient.timeZone);
    const at = (day: string) => new Date(`${day}T12:00:00Z`);
    const base = { clinicId: w.clinicA.id, patientId: patient.id, authorId: w.clinicianA.id };
    const start = addDays(today, -20);
    const v1 = await insertProgramVersion(t.db, {
      ...base,
      effectiveFrom: at(start),
      items: [{ exerciseId: squat.id, sets: 2, reps: 10 }],
    });
    const v2 = await insertProgramVersion(t.db, {
      ...base,
      reason: "progress",
      note: "Deeper squat",
      effectiveFrom: at(addDays(today, -10)),
      items: [{ exerciseId: squat.id, sets: 3, reps: 10 }],
    });
    // A session every day up to yesterday, on the item in force that day.
    for (let i = 20; i >= 1; i--) {
      const day = addDays(today, -i);
      const version = i > 10 ? v1 : v2;
      await insertCheckIn(t.db, {
        clinicId: w.clinicA.id,
        patientId: patient.id,
        versionId: version.version.id,
        day,
        kind: "exercise",
        logs: [{ programItemId: version.items[0]!.id }],
      });
    }
    // Morning pain: 6 in the first week, 2–3 in the last.
    const pain = [
      [start, 6],
      [addDays(start, 1), 6],
      [addDays(start, 2), 6],
      [addDays(today, -5), 2],
      [addDays(today, -3), 2],
      [addDays(today, -1), 3],
    ] as const;
    for (const [day, score] of pain) {
      await insertCheckIn(t.db, {
        clinicId: w.clinicA.id,
        patientId: patient.id,
        versionId: null,
        day,
        kind: "morning",
        pain: [{ context: "morning", score }],
      });
    }
    const api = staffCaller(t.db, w.clinicianA);
    const met = await api.goals.create({ patientId: patient.id, ...GOAL });
    await api.goals.setStatus({ goalId: met.id, status: "met" });
    await api.goals.create({ patientId: patient.id, ...GOAL, what: "Kneel to garden" });
    const dropped = await api.goals.create({ patientId: patient.id, ...GOAL, what: "Ski" });
    await api.goals.setStatus({ goalId: dropped.id, status: "dropped" });

    // Outcome scores: a PSFS before this episode (left out), then 3.0 → 6.5 within it.
    const [schedule] = await t.db.write(null, (tx) =>
      tx
        .insert(measureSchedules)
        .values({
          clinicId: w.clinicA.id,
          patientId: patient.id,
          measureId: "psfs",
          kind: "interval",
          everyWeeks: 1,
          firstDay: start,
          createdBy: w.clinicianA.id,
        })
        .returning(),
    );
    const psfs = [
      [addDays(start, -40), 1, new Date(at(start).getTime() - 40 * 86_400_000)],
      [addDays(start, 1), 3, at(addDays(start, 1))],
      [addDays(today, -1), 6.5, at(addDays(today, -1))],
    ] as const;
    for (const [day, score, submittedAt] of psfs)
      await t.db.write(null, (tx) =>
        tx.insert(measureResponses).values({
          clinicId: w.clinicA.id,
          patientId: patient.id,
          scheduleId: schedule!.id,
          measureId: "psfs",
          measureVersion: 1,
          occurrenceDay: day,
          day,
          idempotencyKey: `${patient.id}-${day}`,
          submittedAt,
          score,
        }),
      );
    await api.discharge.discharge({
      patientId: patient.id,
      closingNote: "Back to walking the dog. Review if the swelling returns.",
    });
    const summary = (await staffCaller(t.db, w.clinicianA).discharge.summary({
      patientId: patient.id,
    }))!;
    expect(summary.patient).toMatchObject({
      displayName: "Sam Summary",
      condition: "runners_knee",
      status: "discharged",
      primaryClinicianName: w.clinicianA.name,
    });
    expect(summary.summary).toMatchObject({
      startDay: start,
      dischargeDay: today,
      authorName: w.clinicianA.name,
      closingNote: "Back to walking the dog. Review if the swelling returns.",
    });
    expect(summary.versions.map((v) => [v.number, v.reason, v.note, v.fromDay, v.toDay])).toEqual([
      [1, "initial", null, start, addDays(today, -11)],
      [2, "progress", "Deeper squat", addDays(today, -10), today],
    ]);
    expect(summary.adherence).toMatchObject({ from: start, to: addDays(today, -1), days: 20 });
    expect(summary.adherence!.sessionAdherence).toBeCloseTo(1);
    expect(summary.pain).toMatchObject({ baseline: 6, improved: true, worsened: false });
    expect(summary.pain.end).toBeCloseTo(7 / 3);
    expect(summary.pain.change).toBeCloseTo(7 / 3 - 6);
    expect(summary.goals.tally).toEqual({ set: 2, met: 1, notMet: 0, open: 1, dropped: 1 });
    expect(summary.goals.rows.map((g) => g.status)).toEqual(["met", "active", "dropped"]);
    expect(summary.outcomes).toEqual([
      expect.objectContaining({
        measureId: "psfs",
        responses: 2,
        firstScore: 3,
        firstDay: addDays(start, 1),
        lastScore: 6.5,
        change: 3.5,
        threshold: 2,
        meaningful: true,
      }),
    ]);

    const reads = (await auditOf(patient.id)).filter((r) => r.action === READ_ACTION);
    expect(reads.at(-1)).toMatchObject({
      entityType: "discharge-summary",
      actorId: w.clinicianA.id,
    });
  });

  it("keeps one summary per episode: a re-admitted patient's second discharge has its own", async () => {
    const patient = await newPatient("Rae Readmit");
    const api = staffCaller(t.db, w.clinicianA);
    const first = await api.discharge.discharge({ patientId: patient.id, closingNote: "First." });
    await api.patients.readmit({ patientId: patient.id });
    const second = await api.discharge.discharge({ patientId: patient.id, closingNote: "Second." });
    const list = await api.discharge.list({ patientId: patient.id });
    expect(list.summaries.map((s) => s.id)).toEqual([second.summaryId, first.summaryId]);
    expect(list.summaries[0]!.episodeStartedAt.getTime()).toBe(
      list.summaries[1]!.dischargedAt.getTime(),
    );
    const older = await api.discharge.summary({
      patientId: patient.id,
      summaryId: first.summaryId,
    });
    expect(older!.summary.closingNote).toBe("First.");
    expect((await api.discharge.summary({ patientId: patient.id }))!.summary.closingNote).toBe(
      "Second.",
    );
    expect(
      await databaseRefusal(
        t.db.write(null, (tx) =>
          tx
            .update(dischargeSummaries)
            .set({ closingNote: "Changed." })
            .where(eq(dischargeSummaries.patientId, patient.id)),
        ),
      ),
    ).toMatch(/append-only/);
  });
});
