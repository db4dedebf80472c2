import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, asc, count, eq } from "drizzle-orm";
import sharp from "sharp";
import { uuidv7 } from "uuidv7";
import type { Engine } from "@/db/engine/types";
import { auditEvents, clinics, patients, users } from "@/db/schema";
import { createDemoClinics } from "@/db/seed/demo";
import { STEP_UPS } from "@/server/testing/exercise-input";
import type { ProgramItemInput } from "@/lib/schemas/program";
import { READ_ACTION } from "@/server/audit-classification";
import { RED_FLAG_IDS } from "@/server/domain/red-flags";
import { appRouter, createCaller } from "@/server/root";
import { claimsFor, patientCaller, testContext } from "./callers";
import type { StatementCapture } from "./query-plans";

/** Every procedure of the app router, by its path (`patients.list`). */
export function routerProcedures(): string[] {
  return Object.keys(appRouter._def.procedures).sort();
}

/** The audit rows a call left: read rows (decision 021) and every other row. */
export interface AuditRows {
  reads: number;
  others: number;
}

/** Every clinic's audit rows, read on the system path. */
async function auditRowCount(db: Engine): Promise<AuditRows> {
  const byAction = await db.read(null, (r) =>
    r
      .select({ action: auditEvents.action, n: count() })
      .from(auditEvents)
      .groupBy(auditEvents.action),
  );
  const reads = byAction.find((row) => row.action === READ_ACTION)?.n ?? 0;
  const all = byAction.reduce((sum, row) => sum + row.n, 0);
  return { reads, others: all - reads };
}

/**
 * Runs `work` and counts the audit rows committed meanwhile. The rows themselves, not the
 * statements issued, so this reads the same on every engine; calls must run one at a time.
 */
export async function auditRowsOf<T>(
  db: Engine,
  work: () => Promise<T>,
): Promise<{ value: T; rows: AuditRows }> {
  const before = await auditRowCount(db);
  const value = await work();
  const after = await auditRowCount(db);
  return {
    value,
    rows: { reads: after.reads - before.reads, others: after.others - before.others },
  };
}

/** Audit rows by label (a procedure's path), summed over its calls. */
export class AuditLedger {
  private readonly rows = new Map<string, AuditRows>();

  add(label: string, rows: AuditRows): void {
    const tally = this.rows.get(label) ?? { reads: 0, others: 0 };
    this.rows.set(label, { reads: tally.reads + rows.reads, others: tally.others + rows.others });
  }

  of(label: string): AuditRows {
    return this.rows.get(label) ?? { reads: 0, others: 0 };
  }
}

/** The one row a demo lookup expects; a clear failure when the demo no longer has it. */
function only<T>(what: string, rows: readonly T[]): T {
  const [row] = rows;
  if (row === undefined) throw new Error(`The demo should have ${what}.`);
  return row;
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
 * as a clinician, an admin, a patient and a visitor with an invitation or reset link, one call at
 * a time. Returns the procedures called and the audit rows each left, so a test can see that
 * nothing was left out and hold each procedure to its audit classification. Given a statement
 * capture (SQLite), the calls run through its engine, each statement recorded under the
 * procedure's path, so a test can explain every one.
 */
export async function driveEveryProcedure(db: Engine, capture?: StatementCapture) {
  const demo = await createDemoClinics(db);
  const through: Engine = capture?.db ?? db;
  const called = new Set<string>();
  const audit = new AuditLedger();
  const call = async <T>(procedure: string, work: () => Promise<T>): Promise<T> => {
    called.add(procedure);
    // Counted on `db`, not the capture: the count scans audit_events and is not the procedure's.
    const { value, rows } = await auditRowsOf(db, () =>
      capture ? capture.as(procedure, work) : work(),
    );
    audit.add(procedure, rows);
    return value;
  };

  const riverside = only(
    "the demo's Riverside clinic",
    await db.read(null, (r) =>
      r.select().from(clinics).where(eq(clinics.name, "Riverside Physiotherapy")).limit(1),
    ),
  );
  const staff = await db.read(riverside.id, (r) =>
    r.select().from(users).where(eq(users.clinicId, riverside.id)).orderBy(asc(users.email)),
  );
  const admin = staff.find((u) => u.role === "admin")!;
  const [ana, ben] = staff.filter((u) => u.role === "clinician");
  const mediaDir = mkdtempSync(path.join(tmpdir(), "rehabit-plans-media-"));
  const as = (user: typeof admin) =>
    createCaller(testContext(through, { claims: claimsFor(user), mediaDir }));
  const clinician = as(ana!);
  const boss = as(admin);
  const visitor = createCaller(testContext(through));
  const benPatient = only(
    "an active patient of Ben's",
    await db.read(riverside.id, (r) =>
      r
        .select({ id: patients.id })
        .from(patients)
        .where(and(eq(patients.primaryClinicianId, ben!.id), eq(patients.status, "active")))
        .limit(1),
    ),
  );

  // The patient on the phone: the demo's link, then every answer the plan asks for.
  const phone = patientCaller(through, demo.patientLink.token);
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

  // Reminders (issue 16): this phone subscribes to push, the patient chooses, the calendar.
  const pushEndpoint = "https://fcm.googleapis.com/fcm/send/every-procedure-phone";
  await call("reminders.subscribePush", () =>
    phone.reminders.subscribePush({
      endpoint: pushEndpoint,
      keys: { p256dh: `B${"A".repeat(86)}`, auth: "AAAAAAAAAAAAAAAAAAAAAA" },
    }),
  );
  await call("reminders.save", () =>
    phone.reminders.save({
      remindersOn: true,
      remindAt: "18:00",
      weekdays: [0, 2, 4],
      channel: "push",
      email: null,
    }),
  );
  await call("reminders.settings", () => phone.reminders.settings());
  await call("reminders.calendarFeed", () => phone.reminders.calendarFeed());
  await call("reminders.unsubscribePush", () =>
    phone.reminders.unsubscribePush({ endpoint: pushEndpoint }),
  );

  // Messages (issue 16): the patient asks, the clinic reads and answers, the patient sees it.
  const phonePatient = only(
    "the demo link's patient",
    await db.read(riverside.id, (r) =>
      r
        .select({ id: patients.id })
        .from(patients)
        .where(eq(patients.displayName, demo.patientLink.patientName))
        .limit(1),
    ),
  );
  const question = { ...key(), body: "Can I cycle on rest days?" };
  await call("messages.send", () => phone.messages.send(question));
  await call("messages.send", () => phone.messages.send(question));
  await call("messages.unreadCounts", () => clinician.messages.unreadCounts());
  await call("messages.inbox", () => clinician.messages.inbox());
  await call("messages.forPatient", () =>
    clinician.messages.forPatient({ patientId: phonePatient.id }),
  );
  await call("messages.markRead", () =>
    clinician.messages.markRead({ patientId: phonePatient.id }),
  );
  await call("messages.answer", () =>
    clinician.messages.answer({ patientId: phonePatient.id, ...key(), body: "Yes, gently." }),
  );
  await call("messages.exportRows", () =>
    clinician.messages.exportRows({ patientId: phonePatient.id }),
  );
  await call("messages.thread", () => phone.messages.thread());
  await call("messages.seen", () => phone.messages.seen());

  // Outcome measures (issue 15): the clinician names the PSFS activities and schedules it, the
  // phone answers what is due, the clinician reads the scores and cancels the schedule.
  await call("measures.setActivities", () =>
    clinician.measures.setActivities({
      patientId: phonePatient.id,
      measureId: "psfs",
      activities: ["climb stairs", "run for 20 minutes"],
    }),
  );
  const psfs = await call("measures.schedule", () =>
    clinician.measures.schedule({
      patientId: phonePatient.id,
      measureId: "psfs",
      kind: "interval",
      everyWeeks: 2,
    }),
  );
  const dueMeasures = await call("measures.due", () => phone.measures.due());
  const psfsForm = only("a due PSFS", dueMeasures.due);
  await call("measures.answer", () =>
    phone.measures.answer({
      ...key(),
      scheduleId: psfsForm.scheduleId,
      occurrenceDay: psfsForm.occurrenceDay,
      answers: psfsForm.items.map((item) => ({ itemId: item.id, value: 4 })),
    }),
  );
  await call("measures.forPatient", () =>
    clinician.measures.forPatient({ patientId: phonePatient.id }),
  );
  await call("measures.cancel", () =>
    clinician.measures.cancel({ patientId: phonePatient.id, scheduleId: psfs.scheduleId }),
  );

  // The clinician's screens.
  // A request of its own: a request checks its session once, and this is all auth.me reads.
  await call("auth.me", () => as(ana!).auth.me());
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
  await call("fhir.patientBundle", () => clinician.fhir.patientBundle({ patientId }));
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

  // Goals, notes and the discharge summary (issue 15, parts 2–4).
  const goal = await call("goals.create", () =>
    clinician.goals.create({
      patientId,
      what: "Walk to the shops",
      measure: "Minutes walked without stopping",
      target: "20 minutes",
      targetDay: "2030-01-31",
    }),
  );
  await call("goals.update", () =>
    clinician.goals.update({
      goalId: goal.id,
      what: "Walk to the shops and back",
      measure: "Minutes walked without stopping",
      target: "30 minutes",
      targetDay: "2030-02-28",
    }),
  );
  await call("goals.setStatus", () =>
    clinician.goals.setStatus({ goalId: goal.id, status: "met" }),
  );
  await call("goals.list", () => clinician.goals.list({ patientId }));
  await call("goals.mine", () => phone.goals.mine());
  const note = await call("notes.create", () =>
    clinician.notes.create({ patientId, day: "2026-11-30", format: "free", body: "Seen today." }),
  );
  await call("notes.edit", () =>
    clinician.notes.edit({
      noteId: note.id,
      baseRevision: note.revision,
      day: "2026-11-30",
      format: "soap",
      subjective: "Stairs easier.",
      plan: "Review in two weeks.",
    }),
  );
  await call("notes.list", () => clinician.notes.list({ patientId }));
  await call("discharge.discharge", () =>
    clinician.discharge.discharge({ patientId: created.id, closingNote: "Goals reached." }),
  );
  await call("discharge.list", () => clinician.discharge.list({ patientId: created.id }));
  await call("discharge.summary", () => clinician.discharge.summary({ patientId: created.id }));

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
  const colleague = only(
    "the colleague who accepted the invitation",
    await db.read(riverside.id, (r) =>
      r.select().from(users).where(eq(users.email, "new.colleague@riverside.example")).limit(1),
    ),
  );
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

  return { called, audit, mediaDir };
}
