import { and, asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readIn, writeIn } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import {
  auditEvents,
  clinicalNoteRevisions,
  clinicalNotes,
  clinics,
  dischargeSummaries,
  goals,
  measureActivities,
  measureAnswers,
  measureResponses,
  measureSchedules,
  messages,
  messageThreads,
  painReports,
  patients,
  programs,
  users,
} from "@/db/schema";
import { createDemoClinics } from "@/db/seed/demo";
import type { Context } from "@/server/context";
import { anonymousCaller, claimsFor, staffCaller, testContext } from "@/server/testing/callers";
import { outcome } from "@/server/testing/errors";
import { bundleErrors } from "@/server/testing/fhir-validator";

/** The request the route handler sees, as `createRequestContext` builds it. */
let requestContext: Context;
vi.mock("@/server/request-context", () => ({
  createRequestContext: async () => requestContext,
}));

/**
 * Issue 15 part 5: the FHIR R4 export of the demo clinic (db/seed), each patient's Bundle checked
 * resource by resource with Medplum's validator over the R4 definitions; one demo patient is given
 * a goal, an edited note, a discharge summary, messages both ways and two outcome measures, so
 * every mapper is exercised on rows the database really holds.
 */
const BUILD_TIMEOUT = 120_000;
let t: TestDb;
type User = typeof users.$inferSelect;
let clinician: User;
let otherClinicStaff: User;
let riversidePatients: { id: string; displayName: string }[];
let full: { id: string; clinicId: string };

beforeAll(async () => {
  t = await createTestDb();
  await createDemoClinics(t.db);
  const read = <T>(fn: Parameters<typeof readIn<T>>[1]) => readIn(t.db, fn);
  const [riverside] = await read((db) =>
    db.select().from(clinics).where(eq(clinics.name, "Riverside Physiotherapy")),
  );
  const [harbour] = await read((db) =>
    db.select().from(clinics).where(eq(clinics.name, "Harbour Sports Clinic")),
  );
  const [firstClinician] = await read((db) =>
    db
      .select()
      .from(users)
      .where(and(eq(users.clinicId, riverside!.id), eq(users.role, "clinician")))
      .orderBy(asc(users.email))
      .limit(1),
  );
  const [harbourStaff] = await read((db) =>
    db.select().from(users).where(eq(users.clinicId, harbour!.id)).limit(1),
  );
  clinician = firstClinician!;
  otherClinicStaff = harbourStaff!;
  riversidePatients = await read((db) =>
    db
      .select({ id: patients.id, displayName: patients.displayName })
      .from(patients)
      .where(eq(patients.clinicId, riverside!.id))
      .orderBy(asc(patients.displayName)),
  );
  full = { id: riversidePatients[0]!.id, clinicId: riverside!.id };
  await addIssue15Records(full, clinician!.id);
}, BUILD_TIMEOUT);
afterAll(() => t?.cleanup());

/** A goal met, a note edited once, a discharge, two messages and a PSFS and a GROC answered. */
async function addIssue15Records(patient: { id: string; clinicId: string }, userId: string) {
  const ids = { clinicId: patient.clinicId, patientId: patient.id };
  const at = new Date("2026-11-20T10:00:00Z");
  await writeIn(t.db, async (tx) => {
    await tx.insert(goals).values({
      ...ids,
      createdBy: userId,
      what: "Walk to the shops and back",
      measure: "Minutes walked without stopping",
      target: "20 minutes",
      targetDay: "2027-01-15",
      status: "met",
      statusChangedAt: at,
      statusChangedBy: userId,
      updatedAt: at,
    });
    const [note] = await tx
      .insert(clinicalNotes)
      .values({ ...ids, authorId: userId })
      .returning({ id: clinicalNotes.id });
    for (const number of [1, 2]) {
      await tx.insert(clinicalNoteRevisions).values({
        ...ids,
        noteId: note!.id,
        number,
        day: "2026-11-20",
        format: "soap",
        subjective: number === 1 ? "Stairs sore." : "Stairs sore, less than last week.",
        objective: "Flexion 120°.",
        assessment: "Improving.",
        plan: "Progress step-ups.",
      });
    }
    const [program] = await tx
      .select({ id: programs.id })
      .from(programs)
      .where(eq(programs.patientId, patient.id))
      .limit(1);
    await tx.insert(dischargeSummaries).values({
      ...ids,
      programId: program?.id ?? null,
      episodeStartedAt: new Date("2026-10-01T09:00:00Z"),
      dischargedAt: at,
      authorId: userId,
      closingNote: "Goals met; keep the home program going twice a week.",
    });
    const [thread] = await tx
      .insert(messageThreads)
      .values({ ...ids, lastMessageAt: at })
      .returning({ id: messageThreads.id });
    await tx.insert(messages).values([
      {
        ...ids,
        threadId: thread!.id,
        authorKind: "patient",
        body: "Can I go for a run this week?",
        idempotencyKey: "fhir-test-message-1",
        sentAt: new Date("2026-11-19T08:00:00Z"),
        readByStaffAt: new Date("2026-11-19T09:00:00Z"),
        readByUserId: userId,
      },
      {
        ...ids,
        threadId: thread!.id,
        authorKind: "staff",
        authorUserId: userId,
        body: "A gentle 10 minutes, and tell me how the knee feels.",
        idempotencyKey: "fhir-test-message-2",
        sentAt: new Date("2026-11-19T09:05:00Z"),
      },
    ]);
    const [psfs] = await tx
      .insert(measureSchedules)
      .values({
        ...ids,
        measureId: "psfs",
        kind: "start",
        firstDay: "2026-11-01",
        createdBy: userId,
      })
      .returning({ id: measureSchedules.id });
    const [groc] = await tx
      .insert(measureSchedules)
      .values({
        ...ids,
        measureId: "groc",
        kind: "discharge",
        firstDay: "2026-11-20",
        createdBy: userId,
      })
      .returning({ id: measureSchedules.id });
    const activities = await tx
      .insert(measureActivities)
      .values([
        { ...ids, measureId: "psfs", position: 1, text: "run for 10 minutes", createdBy: userId },
        { ...ids, measureId: "psfs", position: 2, text: "climb stairs", createdBy: userId },
      ])
      .returning({ id: measureActivities.id, text: measureActivities.text });
    const [psfsResponse] = await tx
      .insert(measureResponses)
      .values({
        ...ids,
        scheduleId: psfs!.id,
        measureId: "psfs",
        measureVersion: 1,
        occurrenceDay: "2026-11-01",
        day: "2026-11-01",
        idempotencyKey: "fhir-test-psfs",
        submittedAt: new Date("2026-11-01T08:00:00Z"),
        score: 4.5,
      })
      .returning({ id: measureResponses.id });
    await tx.insert(measureAnswers).values(
      activities.map((a, i) => ({
        clinicId: ids.clinicId,
        responseId: psfsResponse!.id,
        itemId: a.id,
        itemText: `How well can you ${a.text} today?`,
        position: i + 1,
        value: 3 + i * 3,
      })),
    );
    const [grocResponse] = await tx
      .insert(measureResponses)
      .values({
        ...ids,
        scheduleId: groc!.id,
        measureId: "groc",
        measureVersion: 1,
        occurrenceDay: "2026-11-20",
        day: "2026-11-20",
        idempotencyKey: "fhir-test-groc",
        submittedAt: at,
        score: 5,
      })
      .returning({ id: measureResponses.id });
    await tx.insert(measureAnswers).values({
      clinicId: ids.clinicId,
      responseId: grocResponse!.id,
      itemId: "overall-change",
      itemText: "Overall, how has your knee changed since you started your treatment?",
      position: 1,
      value: 5,
    });
  });
}

const typesIn = (bundle: { entry: { resource: { resourceType: string } }[] }) => {
  const counts: Record<string, number> = {};
  for (const e of bundle.entry)
    counts[e.resource.resourceType] = (counts[e.resource.resourceType] ?? 0) + 1;
  return counts;
};

describe("the FHIR R4 export", { timeout: BUILD_TIMEOUT }, () => {
  it("validates with zero errors for every demo patient, every resource", async () => {
    const api = staffCaller(t.db, clinician);
    for (const patient of riversidePatients) {
      const bundle = await api.fhir.patientBundle({ patientId: patient.id });
      expect(bundleErrors(bundle), patient.displayName).toEqual([]);
      const [first] = bundle.entry;
      expect(first?.resource).toMatchObject({
        resourceType: "Patient",
        id: patient.id,
        name: [{ text: patient.displayName }],
      });
      // Every pain report of the patient, one Observation each.
      const [reports] = await readIn(t.db, (db) =>
        db.select({ n: count() }).from(painReports).where(eq(painReports.patientId, patient.id)),
      );
      expect(typesIn(bundle).Observation ?? 0).toBe(reports!.n);
      expect(reports!.n).toBeGreaterThan(0);
      expect(typesIn(bundle).CarePlan).toBeGreaterThanOrEqual(1);
    }
  });

  it("holds every kind of record for a patient who has them all", async () => {
    const bundle = await staffCaller(t.db, clinician).fhir.patientBundle({ patientId: full.id });
    expect(bundleErrors(bundle)).toEqual([]);
    expect(Object.keys(typesIn(bundle)).sort()).toEqual([
      "CarePlan",
      "Communication",
      "Condition",
      "DocumentReference",
      "Goal",
      "Observation",
      "Organization",
      "Patient",
      "Practitioner",
      "Questionnaire",
      "QuestionnaireResponse",
      "ServiceRequest",
    ]);
    const counts = typesIn(bundle);
    expect([counts.Goal, counts.DocumentReference, counts.Communication]).toEqual([1, 2, 2]);
    expect([counts.Questionnaire, counts.QuestionnaireResponse]).toEqual([2, 2]);
    const note = bundle.entry.find(
      (e) => e.resource.resourceType === "DocumentReference" && e.resource.docStatus === "amended",
    )?.resource;
    expect(note).toBeDefined();
    const plans = bundle.entry.filter((e) => e.resource.resourceType === "CarePlan");
    // The demo's programs have several versions: one in force, the rest replaced by the next.
    expect(
      plans.filter((p) => p.resource.resourceType === "CarePlan" && p.resource.status === "active"),
    ).toHaveLength(1);
    // Ids are the rows' own: a second export names every resource the same.
    const again = await staffCaller(t.db, clinician).fhir.patientBundle({ patientId: full.id });
    expect(again.entry.map((e) => e.fullUrl)).toEqual(bundle.entry.map((e) => e.fullUrl));
    expect(again.id).not.toBe(bundle.id);
  });

  it("answers another clinic's patient exactly like a missing one, and leaves no audit row", async () => {
    const rowsBefore = await auditRowCount();
    const other = await outcome(
      staffCaller(t.db, otherClinicStaff).fhir.patientBundle({ patientId: full.id }),
    );
    const missing = await outcome(
      staffCaller(t.db, otherClinicStaff).fhir.patientBundle({
        patientId: "01930000-0000-7000-8000-000000000000",
      }),
    );
    expect(other).toEqual(missing);
    expect(other.code).toBe("NOT_FOUND");
    expect(
      (await outcome(anonymousCaller(t.db).fhir.patientBundle({ patientId: full.id }))).code,
    ).toBe("UNAUTHORIZED");
    expect(await auditRowCount()).toBe(rowsBefore);
  });

  it("is audited as a FHIR export of that patient, by that clinician", async () => {
    const before = await auditRowCount();
    await staffCaller(t.db, clinician).fhir.patientBundle({ patientId: full.id });
    expect(await auditRowCount()).toBe(before + 1);
    const [row] = await readIn(t.db, (db) =>
      db
        .select()
        .from(auditEvents)
        .orderBy(asc(auditEvents.seq))
        .where(
          and(eq(auditEvents.clinicId, full.clinicId), eq(auditEvents.entityType, "fhir-export")),
        ),
    );
    expect(row).toMatchObject({
      action: "read",
      actorKind: "user",
      actorId: clinician.id,
      patientId: full.id,
      before: null,
      after: null,
    });
  });
});

async function auditRowCount(): Promise<number> {
  const [row] = await readIn(t.db, (db) => db.select({ n: count() }).from(auditEvents));
  return row!.n;
}

describe("the download from the patient's record", { timeout: BUILD_TIMEOUT }, () => {
  const params = (patientId: string) => ({ params: Promise.resolve({ patientId }) });
  const request = new Request("https://rehabit.test/patients/x/fhir.json");

  it("is a FHIR JSON file named by date only, refused without a session or for another clinic", async () => {
    const { GET } = await import("@/app/(clinic)/patients/[patientId]/fhir.json/route");
    requestContext = testContext(t.db, { claims: claimsFor(clinician) });
    const response = await GET(request, params(full.id));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/fhir+json; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="rehabit-fhir-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const bundle = await response.json();
    expect(bundle.resourceType).toBe("Bundle");
    expect(bundleErrors(bundle)).toEqual([]);

    requestContext = testContext(t.db, { claims: claimsFor(otherClinicStaff) });
    expect((await GET(request, params(full.id))).status).toBe(404);
    requestContext = testContext(t.db);
    expect((await GET(request, params(full.id))).status).toBe(401);
  });
});
