import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import sharp from "sharp";
import { uuidv7 } from "uuidv7";
import type { Db } from "@/db/client";
import { clinics, patients, users } from "@/db/schema";
import { createDemoClinics } from "@/db/seed/demo";
import { STEP_UPS } from "@/server/testing/exercise-input";
import type { ProgramItemInput } from "@/lib/schemas/program";
import { RED_FLAG_IDS } from "@/server/domain/red-flags";
import { appRouter, createCaller } from "@/server/root";
import { claimsFor, patientCaller, testContext } from "./callers";
import { captureStatements } from "./query-plans";

/** Every procedure of the app router, by its path (`patients.list`). */
export function routerProcedures(): string[] {
  return Object.keys(appRouter._def.procedures).sort();
}

const PASSWORD = "Quiet harbour lanterns glow at dusk";

const exercise = STEP_UPS;

async function picture(): Promise<Blob> {
  const png = await sharp({
    create: { width: 40, height: 30, channels: 3, background: "#3366aa" },
  })
    .png()
    .toBuffer();
  return new Blob([new Uint8Array(png)]);
}

/**
 * Builds the demo clinics on `db` and calls every procedure of the app router with valid input,
 * as a clinician, an admin, a patient and a visitor with an invitation or reset link, through a
 * handle that records each statement under the procedure's path. Returns the record and the
 * procedures called, so a test can explain every statement and see that nothing was left out.
 */
export async function driveEveryProcedure(db: Db) {
  const demo = await createDemoClinics(db);
  const capture = captureStatements(db);
  const called = new Set<string>();
  const call = <T>(procedure: string, work: () => Promise<T>): Promise<T> => {
    called.add(procedure);
    return capture.as(procedure, work);
  };

  const riverside = db
    .select()
    .from(clinics)
    .where(eq(clinics.name, "Riverside Physiotherapy"))
    .get()!;
  const staff = db
    .select()
    .from(users)
    .where(eq(users.clinicId, riverside.id))
    .orderBy(asc(users.email))
    .all();
  const admin = staff.find((u) => u.role === "admin")!;
  const [ana, ben] = staff.filter((u) => u.role === "clinician");
  const mediaDir = mkdtempSync(path.join(tmpdir(), "rehabit-plans-media-"));
  const as = (user: typeof admin) =>
    createCaller(testContext(capture.db, { claims: claimsFor(user), mediaDir }));
  const clinician = as(ana!);
  const boss = as(admin);
  const visitor = createCaller(testContext(capture.db));
  const benPatient = db
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.primaryClinicianId, ben!.id), eq(patients.status, "active")))
    .get()!;

  // The patient on the phone: the demo's link, then every answer the plan asks for.
  const phone = patientCaller(capture.db, demo.patientLink.token);
  const key = () => ({ idempotencyKey: uuidv7() });
  const plan = await call("plan.today", () => phone.plan.today());
  await call("plan.progress", () => phone.plan.progress());
  await call("checkIns.morningPain", () => phone.checkIns.morningPain({ ...key(), score: 3 }));
  for (const item of plan.items) {
    await call("checkIns.exerciseSession", () =>
      phone.checkIns.exerciseSession({
        ...key(),
        programItemId: item.id,
        outcome: { done: true, setsDone: item.sets, repsDone: item.reps },
      }),
    );
  }
  const painAnswer = { ...key(), score: 4, note: "A little sore on the stairs." };
  await call("checkIns.exercisePain", () => phone.checkIns.exercisePain(painAnswer));
  // The same answer again, as a phone re-sends one whose reply it never got: the stored answer is
  // read back and compared.
  await call("checkIns.exercisePain", () => phone.checkIns.exercisePain(painAnswer));
  await call("checkIns.postponeSafetyCheck", () => phone.checkIns.postponeSafetyCheck(key()));
  await call("checkIns.safetyCheck", () =>
    phone.checkIns.safetyCheck({
      ...key(),
      answers: RED_FLAG_IDS.map((questionId) => ({ questionId, answer: false })),
    }),
  );
  // The page again after the answers: what a patient sees on their next visit.
  await call("plan.today", () => phone.plan.today());
  await call("plan.progress", () => phone.plan.progress());

  // The clinician's screens.
  await call("auth.me", () => clinician.auth.me());
  await call("caseload.list", () => clinician.caseload.list({}));
  await call("caseload.list", () =>
    clinician.caseload.list({
      sort: { id: "adherence7", desc: false },
      filters: { mine: false, needsAttention: true, status: "active" },
    }),
  );
  await call("caseload.list", () =>
    clinician.caseload.list({
      filters: { mine: false, needsAttention: false, status: "all", search: "an" },
    }),
  );
  await call("alerts.summary", () => clinician.alerts.summary());
  await call("alerts.counts", () => clinician.alerts.counts());
  const open = await call("alerts.list", () => clinician.alerts.list({ mine: false }));
  await call("alerts.list", () => clinician.alerts.list({ status: "resolved", mine: true }));
  const [first, second] = open.rows;
  if (!first || !second) throw new Error("The demo clinic should have at least two open alerts.");
  await call("alerts.list", () =>
    clinician.alerts.list({ patientId: first.patientId, severity: first.severity }),
  );
  await call("alerts.acknowledge", () =>
    clinician.alerts.acknowledge({ alertId: first.id, note: "Called the patient." }),
  );
  await call("alerts.resolve", () => clinician.alerts.resolve({ alertId: second.id }));

  const patientId = first.patientId;
  await call("patients.list", () => clinician.patients.list({}));
  await call("patients.list", () =>
    clinician.patients.list({ filters: { mine: false, status: "all", search: "o" } }),
  );
  await call("patients.get", () => clinician.patients.get({ patientId }));
  await call("patientCharts.charts", () => clinician.patientCharts.charts({ patientId }));
  await call("patientCharts.charts", () =>
    clinician.patientCharts.charts({ patientId, range: "all" }),
  );
  await call("patientCharts.checkInLog", () => clinician.patientCharts.checkInLog({ patientId }));
  await call("patientCharts.exportRows", () => clinician.patientCharts.exportRows({ patientId }));
  await call("advice.forPatient", () => clinician.advice.forPatient({ patientId }));
  await call("handout.get", () => clinician.handout.get({ patientId }));
  await call("programs.history", () => clinician.programs.history({ patientId }));
  const editing = await call("programs.forEditing", () =>
    clinician.programs.forEditing({ patientId }),
  );
  await call("patientLinks.list", () => clinician.patientLinks.list({ patientId }));
  const link = await call("patientLinks.create", () =>
    clinician.patientLinks.create({ patientId }),
  );
  await call("patientLinks.revoke", () => clinician.patientLinks.revoke({ linkId: link.id }));
  await call("patientLinks.replace", () => clinician.patientLinks.replace({ patientId }));

  // A new patient, their first program from a template, and the rest of their record's life.
  const defaults = await call("patients.newDefaults", () => clinician.patients.newDefaults());
  const newPatient = {
    displayName: "Vera Version",
    yearOfBirth: 1980,
    condition: "medial_knee_pain" as const,
    affectedSide: "right" as const,
    timeZone: defaults.timeZone,
    primaryClinicianId: ana!.id,
  };
  const created = await call("patients.create", () => clinician.patients.create(newPatient));
  await call("patients.update", () =>
    clinician.patients.update({
      patientId: created.id,
      patient: { ...newPatient, displayName: "Vera V." },
    }),
  );
  const templates = await call("templates.list", () => clinician.templates.list({}));
  const template = templates.rows[0]!;
  await call("templates.get", () => clinician.templates.get({ templateId: template.id }));
  const draft = await call("templates.forProgram", () =>
    clinician.templates.forProgram({ templateId: template.id }),
  );
  const items: ProgramItemInput[] = draft.items.map((i) => ({
    exerciseId: i.exerciseId,
    sets: i.sets,
    reps: i.reps,
    holdSeconds: i.holdSeconds,
    restSeconds: i.restSeconds,
    durationSeconds: i.durationSeconds,
    sessionsPerDay: i.sessionsPerDay,
    daysPerWeek: i.daysPerWeek,
    side: i.exerciseSidedness === "together" ? "both" : "right",
    loadKg: null,
    bandColour: null,
    notes: i.notes,
  }));
  await call("programs.saveVersion", () =>
    clinician.programs.saveVersion({
      patientId: created.id,
      baseVersionNumber: null,
      reason: "initial",
      note: null,
      painLimit: 5,
      items,
    }),
  );
  await call("programs.saveVersion", () =>
    clinician.programs.saveVersion({
      patientId,
      baseVersionNumber: editing.baseVersionNumber,
      reason: "hold",
      note: "Holding for a week.",
      painLimit: editing.painLimit,
      items: editing.items.map((i) => ({
        exerciseId: i.exerciseId,
        sets: i.sets,
        reps: i.reps,
        holdSeconds: i.holdSeconds,
        restSeconds: i.restSeconds,
        durationSeconds: i.durationSeconds,
        sessionsPerDay: i.sessionsPerDay,
        daysPerWeek: i.daysPerWeek,
        side: i.side,
        loadKg: i.loadKg,
        bandColour: i.bandColour,
        notes: i.notes,
      })),
    }),
  );
  await call("patients.discharge", () => clinician.patients.discharge({ patientId: created.id }));
  await call("patients.readmit", () => clinician.patients.readmit({ patientId: created.id }));

  // The library and the templates, as the clinic's admin keeps them.
  const library = await call("library.list", () => clinician.library.list({}));
  await call("library.list", () =>
    clinician.library.list({
      search: "squat",
      category: "strengthening",
      condition: "runners_knee",
    }),
  );
  const shared = library.results[0]!;
  await call("library.get", () => clinician.library.get({ exerciseId: shared.id }));
  const own = await call("library.create", () => boss.library.create(exercise));
  await call("library.update", () =>
    boss.library.update({ exerciseId: own.id, exercise: { ...exercise, defaultReps: 12 } }),
  );
  const form = new FormData();
  form.set("exerciseId", own.id);
  form.set("alt", "Starting position");
  form.set("file", await picture(), "photo.png");
  const image = await call("library.addImage", () => boss.library.addImage(form));
  await call("library.reorderImages", () =>
    boss.library.reorderImages({ exerciseId: own.id, order: [image.id] }),
  );
  await call("library.removeImage", () =>
    boss.library.removeImage({ exerciseId: own.id, imageId: image.id }),
  );
  await call("library.setArchived", () =>
    boss.library.setArchived({ exerciseId: own.id, archived: true }),
  );
  await call("library.delete", () => boss.library.delete({ exerciseId: own.id }));
  await call("library.copyToClinic", () => boss.library.copyToClinic({ exerciseId: shared.id }));

  const options = await call("templates.exerciseOptions", () => boss.templates.exerciseOptions());
  const templateDraft = {
    name: "Stairs first",
    condition: "runners_knee" as const,
    description: "Two exercises for the stairs.",
    items: options.slice(0, 2).map((o) => ({ exerciseId: o.id, ...o.defaults, notes: null })),
  };
  const mine = await call("templates.create", () => boss.templates.create(templateDraft));
  await call("templates.update", () =>
    boss.templates.update({ templateId: mine.id, ...templateDraft, name: "Stairs, first" }),
  );
  await call("templates.copy", () => boss.templates.copy({ templateId: template.id }));
  await call("templates.archive", () => boss.templates.archive({ templateId: mine.id }));
  await call("templates.unarchive", () => boss.templates.unarchive({ templateId: mine.id }));

  // The team page: an invitation accepted, a colleague's role, account and patients.
  await call("clinic.settings", () => boss.clinic.settings());
  await call("clinic.auditStatus", () => boss.clinic.auditStatus());
  await call("clinic.updateDetails", () =>
    boss.clinic.updateDetails({
      phone: "020 7946 0111",
      email: "reception@riverside.example",
      emergencyNumber: "999",
    }),
  );
  await call("team.list", () => boss.team.list());
  const unwanted = await call("team.invite", () =>
    boss.team.invite({ email: "unwanted@riverside.example", role: "clinician" }),
  );
  await call("team.revokeInvitation", () =>
    boss.team.revokeInvitation({ invitationId: unwanted.id }),
  );
  const invitation = await call("team.invite", () =>
    boss.team.invite({ email: "new.colleague@riverside.example", role: "clinician" }),
  );
  await call("team.invitations", () => boss.team.invitations());
  await call("team.describeInvitation", () =>
    visitor.team.describeInvitation({ token: invitation.token }),
  );
  await call("team.acceptInvitation", () =>
    visitor.team.acceptInvitation({
      token: invitation.token,
      name: "Nia Newman",
      password: PASSWORD,
    }),
  );
  const colleague = db
    .select()
    .from(users)
    .where(eq(users.email, "new.colleague@riverside.example"))
    .get()!;
  await call("team.caseload", () => boss.team.caseload({ userId: ben!.id }));
  await call("team.reassignPatients", () =>
    boss.team.reassignPatients({
      fromUserId: ben!.id,
      assignments: [{ patientId: benPatient.id, toUserId: colleague.id }],
    }),
  );
  await call("team.changeRole", () =>
    boss.team.changeRole({ userId: colleague.id, role: "admin" }),
  );
  await call("team.changeRole", () =>
    boss.team.changeRole({ userId: colleague.id, role: "clinician" }),
  );
  await call("team.deactivate", () =>
    boss.team.deactivate({
      userId: colleague.id,
      assignments: [{ patientId: benPatient.id, toUserId: ben!.id }],
    }),
  );
  await call("team.reactivate", () => boss.team.reactivate({ userId: colleague.id }));
  const reset = await call("team.createPasswordReset", () =>
    boss.team.createPasswordReset({ userId: colleague.id }),
  );
  await call("team.describePasswordReset", () =>
    visitor.team.describePasswordReset({ token: reset.token }),
  );
  await call("team.resetPassword", () =>
    visitor.team.resetPassword({ token: reset.token, password: `${PASSWORD} again` }),
  );

  return { capture, called, mediaDir };
}
