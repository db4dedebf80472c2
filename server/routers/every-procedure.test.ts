import { rmSync } from "node:fs";
import { and, asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "@/db/engine/types";
import { insertAlert, insertPatientLink, insertUser, sharedExercise } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { auditEvents, clinics, patients, programs, users } from "@/db/schema";
import { PROCEDURE_AUDIT } from "@/server/audit-classification";
import { RED_FLAG_IDS } from "@/server/domain/red-flags";
import { anonymousCaller, patientCaller, staffCaller } from "@/server/testing/callers";
import { codeOf, settle } from "@/server/testing/errors";
import {
  AuditLedger,
  auditRowsOf,
  driveEveryProcedure,
  routerProcedures,
} from "@/server/testing/every-procedure";
import { STEP_UPS } from "@/server/testing/exercise-input";
import { buildTwoClinics, type TwoClinics } from "@/server/testing/world";

/**
 * Issue 12: every procedure of the app router has an access rule here and an audit classification
 * (server/audit-classification.ts), or this file fails naming it. Each rule is then tried: the
 * procedure is called, with well-formed input naming clinic A's records, by everyone who must not
 * reach them, and each gets the refusal its tier promises.
 */

type Caller = ReturnType<typeof staffCaller>;

/** Who may call: the tier in server/trpc.ts the procedure is built on. */
type Tier = "public" | "patient" | "staff" | "admin";

/**
 * What the other side (clinic B's staff, or another patient) gets when the call names clinic A's
 * record: the same NOT_FOUND as for an id that does not exist, or, for a call that names none, an
 * answer from its own records with nothing of clinic A's in it.
 */
type Foreign = "NOT_FOUND" | "own records only";

interface AccessRule {
  tier: Tier;
  foreign: Foreign;
  call: (c: Caller, a: SideA) => Promise<unknown>;
}

/** Clinic A's records that the calls name. */
interface SideA {
  patientId: string;
  clinicianId: string;
  programItemId: string;
  alertId: string;
  linkId: string;
  exerciseId: string;
  templateId: string;
  invitationId: string;
}

const MISSING = "0190f000-0000-7000-8000-000000000000";
/** Well-formed, and given to nobody. */
const UNKNOWN_TOKEN = "A".repeat(43);
const key = () => ({ idempotencyKey: crypto.randomUUID() });

const dose = {
  sets: 2,
  reps: 10,
  holdSeconds: null,
  restSeconds: null,
  durationSeconds: null,
  sessionsPerDay: 1,
  daysPerWeek: 5,
  notes: null,
};
const templateDraft = (exerciseId: string) => ({
  name: "Stairs first",
  condition: "runners_knee" as const,
  description: "For the stairs.",
  items: [{ exerciseId, ...dose }],
});

const ACCESS: Record<string, AccessRule> = {
  "advice.forPatient": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.advice.forPatient({ patientId: a.patientId }),
  },
  "alerts.acknowledge": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.alerts.acknowledge({ alertId: a.alertId, note: "Seen." }),
  },
  "alerts.counts": { tier: "staff", foreign: "own records only", call: (c) => c.alerts.counts() },
  "alerts.list": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.alerts.list({ patientId: a.patientId }),
  },
  "alerts.resolve": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.alerts.resolve({ alertId: a.alertId }),
  },
  "alerts.summary": { tier: "staff", foreign: "own records only", call: (c) => c.alerts.summary() },
  "auth.me": { tier: "staff", foreign: "own records only", call: (c) => c.auth.me() },
  "caseload.list": {
    tier: "staff",
    foreign: "own records only",
    call: (c, a) =>
      c.caseload.list({
        filters: { mine: false, needsAttention: false, status: "all", clinicianId: a.clinicianId },
      }),
  },
  "checkIns.exercisePain": {
    tier: "patient",
    foreign: "own records only",
    call: (c) => c.checkIns.exercisePain({ ...key(), score: 2 }),
  },
  "checkIns.exerciseSession": {
    tier: "patient",
    foreign: "NOT_FOUND",
    call: (c, a) =>
      c.checkIns.exerciseSession({
        ...key(),
        programItemId: a.programItemId,
        outcome: { done: true, setsDone: 2, repsDone: 10 },
      }),
  },
  "checkIns.morningPain": {
    tier: "patient",
    foreign: "own records only",
    call: (c) => c.checkIns.morningPain({ ...key(), score: 2 }),
  },
  "checkIns.postponeSafetyCheck": {
    tier: "patient",
    foreign: "own records only",
    call: (c) => c.checkIns.postponeSafetyCheck(key()),
  },
  "checkIns.safetyCheck": {
    tier: "patient",
    foreign: "own records only",
    call: (c) =>
      c.checkIns.safetyCheck({
        ...key(),
        answers: RED_FLAG_IDS.map((questionId) => ({ questionId, answer: false })),
      }),
  },
  "clinic.auditStatus": {
    tier: "admin",
    foreign: "own records only",
    call: (c) => c.clinic.auditStatus(),
  },
  "clinic.settings": {
    tier: "admin",
    foreign: "own records only",
    call: (c) => c.clinic.settings(),
  },
  "clinic.updateDetails": {
    tier: "admin",
    foreign: "own records only",
    call: (c) =>
      c.clinic.updateDetails({
        phone: "020 7946 0000",
        email: "reception@clinic-b.example",
        emergencyNumber: "999",
      }),
  },
  "discharge.discharge": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.discharge.discharge({ patientId: a.patientId, closingNote: "Done." }),
  },
  "discharge.list": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.discharge.list({ patientId: a.patientId }),
  },
  "discharge.summary": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.discharge.summary({ patientId: a.patientId }),
  },
  "goals.create": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) =>
      c.goals.create({
        patientId: a.patientId,
        what: "Walk to the shops",
        measure: "Minutes walked",
        target: "20 minutes",
        targetDay: "2030-01-31",
      }),
  },
  "goals.list": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.goals.list({ patientId: a.patientId }),
  },
  "goals.mine": { tier: "patient", foreign: "own records only", call: (c) => c.goals.mine() },
  "goals.setStatus": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c) => c.goals.setStatus({ goalId: MISSING, status: "met" }),
  },
  "goals.update": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c) =>
      c.goals.update({
        goalId: MISSING,
        what: "Walk to the shops",
        measure: "Minutes walked",
        target: "20 minutes",
        targetDay: "2030-01-31",
      }),
  },
  "handout.get": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.handout.get({ patientId: a.patientId }),
  },
  "library.addImage": {
    tier: "admin",
    foreign: "NOT_FOUND",
    call: (c, a) => {
      const form = new FormData();
      form.set("exerciseId", a.exerciseId);
      form.set("alt", "Starting position");
      form.set("file", new Blob([new Uint8Array([137, 80, 78, 71])]), "photo.png");
      return c.library.addImage(form);
    },
  },
  "library.copyToClinic": {
    tier: "admin",
    foreign: "NOT_FOUND",
    call: (c, a) => c.library.copyToClinic({ exerciseId: a.exerciseId }),
  },
  "library.create": {
    tier: "admin",
    foreign: "own records only",
    call: (c) => c.library.create({ ...STEP_UPS, name: "Step-ups, clinic B" }),
  },
  "library.delete": {
    tier: "admin",
    foreign: "NOT_FOUND",
    call: (c, a) => c.library.delete({ exerciseId: a.exerciseId }),
  },
  "library.get": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.library.get({ exerciseId: a.exerciseId }),
  },
  "library.list": {
    tier: "staff",
    foreign: "own records only",
    call: (c) => c.library.list({ search: "step" }),
  },
  "library.removeImage": {
    tier: "admin",
    foreign: "NOT_FOUND",
    call: (c, a) => c.library.removeImage({ exerciseId: a.exerciseId, imageId: MISSING }),
  },
  "library.reorderImages": {
    tier: "admin",
    foreign: "NOT_FOUND",
    call: (c, a) => c.library.reorderImages({ exerciseId: a.exerciseId, order: [] }),
  },
  "library.setArchived": {
    tier: "admin",
    foreign: "NOT_FOUND",
    call: (c, a) => c.library.setArchived({ exerciseId: a.exerciseId, archived: true }),
  },
  "library.update": {
    tier: "admin",
    foreign: "NOT_FOUND",
    call: (c, a) => c.library.update({ exerciseId: a.exerciseId, exercise: STEP_UPS }),
  },
  "measures.answer": {
    tier: "patient",
    foreign: "NOT_FOUND",
    call: (c) =>
      c.measures.answer({
        ...key(),
        scheduleId: MISSING,
        occurrenceDay: "2026-03-02",
        answers: [{ itemId: "overall-change", value: 3 }],
      }),
  },
  "measures.cancel": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.measures.cancel({ patientId: a.patientId, scheduleId: MISSING }),
  },
  "measures.due": { tier: "patient", foreign: "own records only", call: (c) => c.measures.due() },
  "measures.forPatient": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.measures.forPatient({ patientId: a.patientId }),
  },
  "measures.schedule": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) =>
      c.measures.schedule({ patientId: a.patientId, measureId: "groc", kind: "discharge" }),
  },
  "measures.setActivities": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) =>
      c.measures.setActivities({ patientId: a.patientId, measureId: "psfs", activities: ["run"] }),
  },
  "messages.answer": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.messages.answer({ patientId: a.patientId, ...key(), body: "Hello." }),
  },
  "messages.exportRows": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.messages.exportRows({ patientId: a.patientId }),
  },
  "messages.forPatient": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.messages.forPatient({ patientId: a.patientId }),
  },
  "messages.inbox": { tier: "staff", foreign: "own records only", call: (c) => c.messages.inbox() },
  "messages.markRead": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.messages.markRead({ patientId: a.patientId }),
  },
  "messages.seen": { tier: "patient", foreign: "own records only", call: (c) => c.messages.seen() },
  "messages.send": {
    tier: "patient",
    foreign: "own records only",
    call: (c) => c.messages.send({ ...key(), body: "A question." }),
  },
  "messages.thread": {
    tier: "patient",
    foreign: "own records only",
    call: (c) => c.messages.thread(),
  },
  "messages.unreadCounts": {
    tier: "staff",
    foreign: "own records only",
    call: (c) => c.messages.unreadCounts(),
  },
  "notes.create": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) =>
      c.notes.create({ patientId: a.patientId, day: "2026-11-30", format: "free", body: "Seen." }),
  },
  "notes.edit": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c) =>
      c.notes.edit({
        noteId: MISSING,
        baseRevision: 1,
        day: "2026-11-30",
        format: "free",
        body: "Seen.",
      }),
  },
  "notes.list": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.notes.list({ patientId: a.patientId }),
  },
  "patientCharts.charts": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.patientCharts.charts({ patientId: a.patientId }),
  },
  "patientCharts.checkInLog": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.patientCharts.checkInLog({ patientId: a.patientId }),
  },
  "patientCharts.exportRows": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.patientCharts.exportRows({ patientId: a.patientId }),
  },
  "fhir.patientBundle": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.fhir.patientBundle({ patientId: a.patientId }),
  },
  "patientLinks.create": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.patientLinks.create({ patientId: a.patientId }),
  },
  "patientLinks.list": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.patientLinks.list({ patientId: a.patientId }),
  },
  "patientLinks.replace": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.patientLinks.replace({ patientId: a.patientId }),
  },
  "patientLinks.revoke": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.patientLinks.revoke({ linkId: a.linkId }),
  },
  "patients.create": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) =>
      c.patients.create({
        displayName: "New Patient",
        yearOfBirth: 1980,
        condition: "runners_knee",
        affectedSide: "left",
        timeZone: "Europe/London",
        primaryClinicianId: a.clinicianId,
      }),
  },
  "patients.discharge": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.patients.discharge({ patientId: a.patientId }),
  },
  "patients.get": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.patients.get({ patientId: a.patientId }),
  },
  "patients.list": {
    tier: "staff",
    foreign: "own records only",
    call: (c) => c.patients.list({ filters: { mine: false, status: "all" } }),
  },
  "patients.newDefaults": {
    tier: "staff",
    foreign: "own records only",
    call: (c) => c.patients.newDefaults(),
  },
  "patients.readmit": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.patients.readmit({ patientId: a.patientId }),
  },
  "patients.update": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) =>
      c.patients.update({
        patientId: a.patientId,
        patient: {
          displayName: "Renamed",
          yearOfBirth: 1980,
          condition: "runners_knee",
          affectedSide: "left",
          timeZone: "Europe/London",
          primaryClinicianId: a.clinicianId,
        },
      }),
  },
  "plan.progress": { tier: "patient", foreign: "own records only", call: (c) => c.plan.progress() },
  "plan.today": { tier: "patient", foreign: "own records only", call: (c) => c.plan.today() },
  "programs.forEditing": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.programs.forEditing({ patientId: a.patientId }),
  },
  "programs.history": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.programs.history({ patientId: a.patientId }),
  },
  "programs.saveVersion": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) =>
      c.programs.saveVersion({
        patientId: a.patientId,
        baseVersionNumber: 1,
        reason: "edit",
        note: null,
        painLimit: 5,
        items: [
          {
            exerciseId: a.exerciseId,
            ...dose,
            side: "left",
            loadKg: null,
            bandColour: null,
          },
        ],
      }),
  },
  "reminders.calendarFeed": {
    tier: "patient",
    foreign: "own records only",
    call: (c) => c.reminders.calendarFeed(),
  },
  "reminders.save": {
    tier: "patient",
    foreign: "own records only",
    call: (c) =>
      c.reminders.save({
        remindersOn: true,
        remindAt: "18:00",
        weekdays: [0, 3],
        channel: "none",
        email: null,
      }),
  },
  "reminders.settings": {
    tier: "patient",
    foreign: "own records only",
    call: (c) => c.reminders.settings(),
  },
  "reminders.subscribePush": {
    tier: "patient",
    foreign: "own records only",
    call: (c) =>
      c.reminders.subscribePush({
        endpoint: `https://fcm.googleapis.com/fcm/send/${crypto.randomUUID()}`,
        keys: { p256dh: `B${"A".repeat(86)}`, auth: "AAAAAAAAAAAAAAAAAAAAAA" },
      }),
  },
  "reminders.unsubscribePush": {
    tier: "patient",
    foreign: "own records only",
    call: (c) => c.reminders.unsubscribePush({ endpoint: "https://fcm.googleapis.com/fcm/send/x" }),
  },
  "team.acceptInvitation": {
    tier: "public",
    foreign: "NOT_FOUND",
    call: (c) =>
      c.team.acceptInvitation({
        token: UNKNOWN_TOKEN,
        name: "Someone",
        password: "Quiet harbour lanterns glow at dusk",
      }),
  },
  "team.caseload": {
    tier: "admin",
    foreign: "NOT_FOUND",
    call: (c, a) => c.team.caseload({ userId: a.clinicianId }),
  },
  "team.changeRole": {
    tier: "admin",
    foreign: "NOT_FOUND",
    call: (c, a) => c.team.changeRole({ userId: a.clinicianId, role: "admin" }),
  },
  "team.createPasswordReset": {
    tier: "admin",
    foreign: "NOT_FOUND",
    call: (c, a) => c.team.createPasswordReset({ userId: a.clinicianId }),
  },
  "team.deactivate": {
    tier: "admin",
    foreign: "NOT_FOUND",
    call: (c, a) => c.team.deactivate({ userId: a.clinicianId }),
  },
  "team.describeInvitation": {
    tier: "public",
    foreign: "NOT_FOUND",
    call: (c) => c.team.describeInvitation({ token: UNKNOWN_TOKEN }),
  },
  "team.describePasswordReset": {
    tier: "public",
    foreign: "NOT_FOUND",
    call: (c) => c.team.describePasswordReset({ token: UNKNOWN_TOKEN }),
  },
  "team.invitations": {
    tier: "admin",
    foreign: "own records only",
    call: (c) => c.team.invitations(),
  },
  "team.invite": {
    tier: "admin",
    foreign: "own records only",
    call: (c) => c.team.invite({ email: "new.person@clinic-b.example", role: "clinician" }),
  },
  "team.list": { tier: "admin", foreign: "own records only", call: (c) => c.team.list() },
  "team.reactivate": {
    tier: "admin",
    foreign: "NOT_FOUND",
    call: (c, a) => c.team.reactivate({ userId: a.clinicianId }),
  },
  "team.reassignPatients": {
    tier: "admin",
    foreign: "NOT_FOUND",
    call: (c, a) =>
      c.team.reassignPatients({
        fromUserId: a.clinicianId,
        assignments: [{ patientId: a.patientId, toUserId: a.clinicianId }],
      }),
  },
  "team.resetPassword": {
    tier: "public",
    foreign: "NOT_FOUND",
    call: (c) =>
      c.team.resetPassword({ token: UNKNOWN_TOKEN, password: "Quiet harbour lanterns glow" }),
  },
  "team.revokeInvitation": {
    tier: "admin",
    foreign: "NOT_FOUND",
    call: (c, a) => c.team.revokeInvitation({ invitationId: a.invitationId }),
  },
  "templates.archive": {
    tier: "admin",
    foreign: "NOT_FOUND",
    call: (c, a) => c.templates.archive({ templateId: a.templateId }),
  },
  "templates.copy": {
    tier: "admin",
    foreign: "NOT_FOUND",
    call: (c, a) => c.templates.copy({ templateId: a.templateId }),
  },
  "templates.create": {
    tier: "admin",
    foreign: "NOT_FOUND",
    call: (c, a) => c.templates.create(templateDraft(a.exerciseId)),
  },
  "templates.exerciseOptions": {
    tier: "admin",
    foreign: "own records only",
    call: (c) => c.templates.exerciseOptions(),
  },
  "templates.forProgram": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.templates.forProgram({ templateId: a.templateId }),
  },
  "templates.get": {
    tier: "staff",
    foreign: "NOT_FOUND",
    call: (c, a) => c.templates.get({ templateId: a.templateId }),
  },
  "templates.list": {
    tier: "staff",
    foreign: "own records only",
    call: (c) => c.templates.list({}),
  },
  "templates.unarchive": {
    tier: "admin",
    foreign: "NOT_FOUND",
    call: (c, a) => c.templates.unarchive({ templateId: a.templateId }),
  },
  "templates.update": {
    tier: "admin",
    foreign: "NOT_FOUND",
    call: (c, a) =>
      c.templates.update({ templateId: a.templateId, ...templateDraft(a.exerciseId) }),
  },
};

describe("every procedure of the app router", () => {
  it("has an access rule in this file and an audit classification", () => {
    const procedures = routerProcedures();
    const noAccessRule = procedures.filter((p) => !(p in ACCESS));
    const noClassification = procedures.filter((p) => !(p in PROCEDURE_AUDIT));
    expect(
      noAccessRule,
      `add an access rule to ACCESS in server/routers/every-procedure.test.ts for: ${noAccessRule.join(", ")}`,
    ).toEqual([]);
    expect(
      noClassification,
      `classify in server/audit-classification.ts (read, write or none, with a reason): ${noClassification.join(", ")}`,
    ).toEqual([]);
    const stale = [...Object.keys(ACCESS), ...Object.keys(PROCEDURE_AUDIT)].filter(
      (p) => !procedures.includes(p),
    );
    expect(stale, `entries for procedures the router no longer has: ${stale.join(", ")}`).toEqual(
      [],
    );
  });
});

describe("access, procedure by procedure", () => {
  let t: TestDb;
  afterAll(async () => {
    await t?.cleanup();
  });

  let w: TwoClinics;
  let a: SideA;
  let markersOfA: string[];
  let actors: Record<
    | "visitor"
    | "patient"
    | "otherPatient"
    | "clinician"
    | "admin"
    | "otherClinician"
    | "otherAdmin",
    Caller
  >;
  beforeAll(async () => {
    t = await createTestDb();
    w = await buildTwoClinics(t.db);
    const adminB = await insertUser(t.db, { clinicId: w.clinicB.id, role: "admin" });
    const linkA = await insertPatientLink(t.db, {
      clinicId: w.clinicA.id,
      patientId: w.patientA.id,
      createdBy: w.clinicianA.id,
    });
    const linkB = await insertPatientLink(t.db, {
      clinicId: w.clinicB.id,
      patientId: w.patientB.id,
      createdBy: w.clinicianB.id,
    });
    const alert = await insertAlert(t.db, {
      clinicId: w.clinicA.id,
      patientId: w.patientA.id,
      kind: "pain-spike",
      severity: "high",
    });
    const adminA = staffCaller(t.db, w.adminA);
    const exercise = await adminA.library.create(STEP_UPS);
    const template = await adminA.templates.create(
      templateDraft((await sharedExercise(t.db, "wall-squat")).id),
    );
    const invitation = await adminA.team.invite({
      email: "colleague@clinic-a.example",
      role: "clinician",
    });
    a = {
      patientId: w.patientA.id,
      clinicianId: w.clinicianA.id,
      programItemId: w.programA.items[0]!.id,
      alertId: alert.id,
      linkId: linkA.link.id,
      exerciseId: exercise.id,
      templateId: template.id,
      invitationId: invitation.id,
    };
    markersOfA = [
      ...Object.values(a),
      w.clinicA.id,
      w.adminA.id,
      w.programA.version.id,
      "Alice Andrews",
      "Clinic A",
    ];
    actors = {
      visitor: anonymousCaller(t.db),
      patient: patientCaller(t.db, linkA.token),
      otherPatient: patientCaller(t.db, linkB.token),
      clinician: staffCaller(t.db, w.clinicianA),
      admin: adminA,
      otherClinician: staffCaller(t.db, w.clinicianB),
      otherAdmin: staffCaller(t.db, adminB),
    };
  });

  const trailOfA = async () => {
    const [trail] = await t.db.read(w.clinicA.id, (db) =>
      db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.clinicId, w.clinicA.id)),
    );
    return trail!.n;
  };

  /** Who must be refused, and how, by tier. */
  const REFUSED: Record<Tier, [keyof typeof actors, string][]> = {
    public: [
      ["visitor", "NOT_FOUND"],
      ["patient", "NOT_FOUND"],
      ["clinician", "NOT_FOUND"],
    ],
    patient: [
      ["visitor", "UNAUTHORIZED"],
      ["clinician", "UNAUTHORIZED"],
      ["admin", "UNAUTHORIZED"],
    ],
    staff: [
      ["visitor", "UNAUTHORIZED"],
      ["patient", "UNAUTHORIZED"],
    ],
    admin: [
      ["visitor", "UNAUTHORIZED"],
      ["patient", "UNAUTHORIZED"],
      ["clinician", "FORBIDDEN"],
    ],
  };
  const OTHER_SIDE: Record<Tier, keyof typeof actors | null> = {
    public: null,
    patient: "otherPatient",
    staff: "otherClinician",
    admin: "otherAdmin",
  };

  for (const [path, rule] of Object.entries(ACCESS)) {
    it(`${path} (${rule.tier}): refuses whoever its tier refuses, and the other side`, async () => {
      const trailBefore = await trailOfA();
      const seen: [string, string][] = [];
      const expected: [string, string][] = [];
      for (const [who, code] of REFUSED[rule.tier]) {
        seen.push([who, await codeOf(rule.call(actors[who], a))]);
        expected.push([who, code]);
      }
      const other = OTHER_SIDE[rule.tier];
      if (other) {
        const result = await settle(rule.call(actors[other], a));
        if (rule.foreign === "NOT_FOUND") {
          seen.push([other, result.code]);
          expected.push([other, "NOT_FOUND"]);
        } else {
          const leaked = markersOfA.filter((m) => JSON.stringify(result.value).includes(m));
          const answer =
            result.code !== "OK"
              ? result.code
              : leaked.length > 0
                ? `saw ${leaked.join(", ")}`
                : "own records only";
          seen.push([other, answer]);
          expected.push([other, "own records only"]);
        }
      }
      expect(seen).toEqual(expected);
      // Nothing a refused caller does reaches clinic A's trail.
      expect(await trailOfA()).toBe(trailBefore);
    });
  }
});

const readProcedures = () =>
  Object.entries(PROCEDURE_AUDIT)
    .filter(([, c]) => c.kind === "read")
    .map(([path]) => path);

/**
 * Calls every `read` procedure once more on the demo clinic the driver built, by way of its
 * access rule, each call in a request (a context) of its own: a call that shares a request with an
 * earlier read about the same patient writes no row, so only this shows that each one writes.
 */
async function readEachInARequestOfItsOwn(db: Engine) {
  const { riverside, staff, patient } = await db.read(null, async (r) => {
    const [clinic] = await r
      .select()
      .from(clinics)
      .where(eq(clinics.name, "Riverside Physiotherapy"))
      .limit(1);
    const members = await r
      .select()
      .from(users)
      .where(and(eq(users.clinicId, clinic!.id), eq(users.active, true)))
      .orderBy(asc(users.email));
    const [onProgram] = await r
      .select({ id: patients.id })
      .from(patients)
      .innerJoin(programs, and(eq(programs.patientId, patients.id), eq(programs.status, "active")))
      .where(and(eq(patients.clinicId, clinic!.id), eq(patients.status, "active")))
      .orderBy(asc(patients.id))
      .limit(1);
    return { riverside: clinic!, staff: members, patient: onProgram! };
  });
  const admin = staff.find((u) => u.role === "admin")!;
  const clinician = staff.find((u) => u.role === "clinician")!;
  const { token } = await insertPatientLink(db, {
    clinicId: riverside.id,
    patientId: patient.id,
    createdBy: clinician.id,
  });
  // The reads name a patient or a clinician, nothing else.
  const side: SideA = {
    patientId: patient.id,
    clinicianId: clinician.id,
    programItemId: MISSING,
    alertId: MISSING,
    linkId: MISSING,
    exerciseId: MISSING,
    templateId: MISSING,
    invitationId: MISSING,
  };
  const newRequest = (tier: Tier): Caller => {
    if (tier === "patient") return patientCaller(db, token);
    if (tier === "staff") return staffCaller(db, clinician);
    if (tier === "admin") return staffCaller(db, admin);
    throw new Error("A public procedure reads no health data.");
  };
  const audit = new AuditLedger();
  const failures: string[] = [];
  for (const path of readProcedures()) {
    const rule = ACCESS[path]!;
    const { rows } = await auditRowsOf(db, () =>
      rule.call(newRequest(rule.tier), side).catch((error: unknown) => {
        failures.push(`${path}: ${String(error)}`);
      }),
    );
    audit.add(path, rows);
  }
  return { audit, failures };
}

describe("each procedure's audit classification, against what it writes", () => {
  let t: TestDb;
  let driven: Awaited<ReturnType<typeof driveEveryProcedure>>;
  let alone: Awaited<ReturnType<typeof readEachInARequestOfItsOwn>>;
  beforeAll(async () => {
    t = await createTestDb();
    driven = await driveEveryProcedure(t.db);
    alone = await readEachInARequestOfItsOwn(t.db);
  }, 120_000);
  afterAll(async () => {
    if (driven) rmSync(driven.mediaDir, { recursive: true, force: true });
    await t?.cleanup();
  });

  it("reads write read rows only, writes write their own rows, and the rest write none", () => {
    const wrong: string[] = [];
    for (const path of routerProcedures()) {
      const classification = PROCEDURE_AUDIT[path];
      const { reads, others } = driven.audit.of(path);
      // The driver's callers are one request each, so a read may share an earlier read's row
      // and write none itself: the next test calls each read in a request of its own.
      const fits =
        classification?.kind === "read"
          ? others === 0
          : classification?.kind === "write"
            ? others > 0 && reads === 0
            : reads === 0 && others === 0;
      if (!fits)
        wrong.push(`${path} (${classification?.kind}): ${reads} read rows, ${others} others`);
    }
    expect(wrong).toEqual([]);
  });

  it("each read, in a request of its own, writes exactly one read row and nothing else", () => {
    expect(alone.failures).toEqual([]);
    const seen = readProcedures().map((path) => {
      const { reads, others } = alone.audit.of(path);
      return `${path}: read rows ${reads}, others ${others}`;
    });
    expect(seen).toEqual(readProcedures().map((path) => `${path}: read rows 1, others 0`));
  });
});
