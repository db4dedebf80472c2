import { eq } from "drizzle-orm";
import type { Engine, Tx } from "@/db/engine";
import type { SqliteEngine } from "@/db/engine/sqlite";
import {
  insertAlert,
  insertAuditEventsBulk,
  insertCheckInsBulk,
  insertClinic,
  insertPatient,
  insertPatientLink,
  insertProgramVersion,
  insertUser,
  sharedExercise,
} from "@/db/factories";
import { alerts } from "@/db/schema";
import type { AlertSeverity, Condition, PainContext, VersionReason } from "@/db/schema/enums";
import { CONDITIONS } from "@/db/schema/enums";
import { seededRandom, type Random } from "@/db/seed/random";
import type { AuditInput } from "@/server/audit";
import { RED_FLAG_EMERGENCY, RED_FLAG_URGENT } from "@/server/domain/alert-rules";
import { addDays, dayInZone } from "@/server/domain/days";
import { RED_FLAG_IDS, RED_FLAG_QUESTIONS, RED_FLAG_SET_VERSION } from "@/server/domain/red-flags";

/** Bump when the generator changes, so an old bench database is rebuilt rather than reused. */
export const GENERATOR_VERSION = "bench-8";

/**
 * About one patient in 250 answers a red flag "yes" in a given week: a clinic of 2,000 has a
 * handful of them open at any time, most urgent, some an emergency.
 */
const RED_FLAG_WEEKLY_CHANCE = 0.004;

const EXERCISES = ["wall-squat", "glute-bridge", "clamshell", "straight-leg-raise", "calf-raises"];
const TIME_ZONE = "Europe/London";
/** How long a link made by the bench stays valid, as the staff form offers. */
const LINK_DAYS = 180;
/** Patients created per transaction while the clinic is set up. */
const SETUP_BATCH = 100;
type Trend = "improving" | "steady" | "worsening";
type CheckInInput = Parameters<typeof insertCheckInsBulk>[1][number];
type Clinician = Awaited<ReturnType<typeof insertUser>>;

/**
 * The kinds a year of ordinary ups and downs raises and later settles, with their severity and
 * who raises them in production: the calendar rules fire in the sweep (the system), the pain
 * rules on the patient's own check-in (the link).
 */
const PAST_ALERTS: { kind: string; severity: AlertSeverity; raisedBy: "system" | "link" }[] = [
  { kind: "low-adherence", severity: "low", raisedBy: "system" },
  { kind: "pain-over-limit", severity: "medium", raisedBy: "link" },
  { kind: "not-settled", severity: "medium", raisedBy: "link" },
  { kind: "not-improving", severity: "low", raisedBy: "system" },
];

interface PastAlert {
  kind: string;
  severity: AlertSeverity;
  raisedBy: "system" | "link";
  openedDay: number;
  openedAt: Date;
  resolvedDay: number;
  resolvedAt: Date;
  byClinician: boolean;
  id?: string;
}

interface VersionPlan {
  from: number;
  itemCount: number;
  reason: VersionReason;
}

/** One patient's course, drawn up front from the patient's own random stream. */
interface PatientPlan {
  rnd: Random;
  clinician: Clinician;
  condition: Condition;
  trend: Trend;
  adherence: number;
  limit: number;
  start: number;
  flagDay: string | null;
  versionPlans: VersionPlan[];
  pastAlerts: PastAlert[];
  // Filled in as the clinic is written.
  patientId: string;
  linkId: string;
  versions: {
    from: number;
    version: { id: string };
    items: { id: string; sets: number | null; reps: number | null }[];
  }[];
  exercisedYesterday: boolean;
}

/**
 * A year's worth of alerts that come and go (about one a month, resolved a few days later, half
 * by the clinician and half cleared by the rules). A clinic a year in has far more resolved alerts
 * than open ones, and the caseload reads the alerts table to count the open ones: without this
 * history the bench would flatter that query. The last two weeks are left to the sweep, which
 * decides what is open now.
 */
function planPastAlerts(first: string, days: number, rnd: Random): PastAlert[] {
  const planned: PastAlert[] = [];
  for (let month = 0; month * 30 < days - 14; month++) {
    const count = rnd.int(0, 2);
    for (let n = 0; n < count; n++) {
      const openedDay = Math.min(days - 15, month * 30 + rnd.int(0, 29));
      const openedAt = new Date(`${addDays(first, openedDay)}T10:00:00Z`);
      const after = rnd.int(1, 10);
      const resolvedAt = new Date(openedAt.getTime() + after * 86_400_000);
      const { kind, severity, raisedBy } = rnd.pick(PAST_ALERTS);
      const byClinician = rnd.chance(0.5);
      const resolvedDay = openedDay + after;
      // While one is unresolved the rule updates it rather than raising another (one open alert
      // per patient and rule): a firing that overlaps one of its kind adds nothing.
      const overlaps = planned.some(
        (a) => a.kind === kind && openedDay <= a.resolvedDay && a.openedDay <= resolvedDay,
      );
      if (overlaps) continue;
      planned.push({
        kind,
        severity,
        raisedBy,
        openedDay,
        openedAt,
        resolvedDay,
        resolvedAt,
        byClinician,
      });
    }
  }
  return planned;
}

function planPatient(
  p: number,
  seed: number,
  clinicians: readonly Clinician[],
  days: number,
  first: string,
  today: string,
): PatientPlan {
  const rnd = seededRandom(seed);
  const condition = CONDITIONS[p % CONDITIONS.length] as Condition;
  // Most knees on a home program improve; some hold steady, a few get worse.
  const trend: Trend = rnd.chance(0.1) ? "worsening" : rnd.chance(0.75) ? "improving" : "steady";
  const adherence = 0.45 + rnd.next() * 0.5;
  const versionCount = rnd.int(2, 4);
  const versionPlans = Array.from({ length: versionCount }, (_, v) => ({
    from: Math.floor((v * days) / versionCount),
    itemCount: rnd.int(3, 5),
    reason: (v === 0
      ? "initial"
      : trend === "worsening" && v === versionCount - 1
        ? "regress"
        : "progress") as VersionReason,
  }));
  const start = rnd.int(4, 7);
  // A red-flag "yes" in the last 6 days for a few; the phone pauses the exercises from then on.
  const flagDay = rnd.chance(RED_FLAG_WEEKLY_CHANCE) ? addDays(today, -rnd.int(1, 6)) : null;
  return {
    rnd,
    clinician: clinicians[p % clinicians.length]!,
    condition,
    trend,
    adherence,
    limit: condition === "runners_knee" ? 3 : 5,
    start,
    flagDay,
    versionPlans,
    pastAlerts: planPastAlerts(first, days, rnd),
    patientId: "",
    linkId: "",
    versions: [],
    exercisedYesterday: false,
  };
}

/**
 * Pain during exercise: a worsening knee flares past its limit; the others mostly stay within it,
 * now and then one point over, as patients managed to the pain-monitoring model do.
 */
function duringPain(trend: Trend, pain: number, limit: number, rnd: Random): number {
  const score =
    trend === "worsening"
      ? pain + rnd.int(0, 2)
      : Math.min(pain, limit) - rnd.int(0, 1) + (rnd.chance(0.03) ? 2 : 0);
  return Math.min(10, Math.max(0, score));
}

/** The audit event `recordCheckIn` appends for a check-in, field for field. */
function checkInAudit(input: CheckInInput, checkInId: string, linkId: string): AuditInput {
  return {
    clinicId: input.clinicId,
    actorKind: "patient_link",
    actorId: linkId,
    action: `check_in.${input.kind}`,
    entityType: "check_in",
    entityId: checkInId,
    patientId: input.patientId,
    after: {
      day: input.day,
      versionId: input.versionId,
      kind: input.kind,
      painContexts: (input.pain ?? []).map((p) => p.context),
      logCount: (input.logs ?? []).length,
      redFlagCount: (input.redFlags ?? []).length,
      hasNote: Boolean(input.note),
    },
    ip: null,
    at: input.submittedAt,
  };
}

/** What one patient sends on one day, as the phone sends it. */
function dayOfCheckIns(
  plan: PatientPlan,
  clinicId: string,
  d: number,
  days: number,
  day: string,
): {
  inputs: CheckInInput[];
  redFlag?: { input: CheckInInput; level: "emergency" | "urgent"; questionId: string };
} {
  const { rnd, trend, limit } = plan;
  const current = [...plan.versions].reverse().find((v) => v.from <= d) ?? plan.versions[0]!;
  const base = { clinicId, patientId: plan.patientId, versionId: current.version.id, day };
  const inputs: CheckInInput[] = [];
  let redFlag: ReturnType<typeof dayOfCheckIns>["redFlag"];
  if (d % 7 === 0)
    inputs.push({
      ...base,
      kind: "safety",
      submittedAt: new Date(`${day}T07:30:00Z`),
      questionSet: RED_FLAG_SET_VERSION,
      redFlags: RED_FLAG_IDS.map((questionId) => ({ questionId, answer: false })),
    });
  if (day === plan.flagDay) {
    const question = rnd.chance(0.25)
      ? rnd.pick(RED_FLAG_QUESTIONS.filter((q) => q.level === "emergency"))
      : rnd.pick(RED_FLAG_QUESTIONS.filter((q) => q.level === "urgent"));
    const input: CheckInInput = {
      ...base,
      kind: "safety",
      submittedAt: new Date(`${day}T12:00:00Z`),
      questionSet: RED_FLAG_SET_VERSION,
      redFlags: RED_FLAG_IDS.map((id) => ({ questionId: id, answer: id === question.id })),
    };
    inputs.push(input);
    redFlag = {
      input,
      level: question.level === "emergency" ? "emergency" : "urgent",
      questionId: question.id,
    };
  }
  const progress = d / days;
  const recent = Math.max(0, d - (days - 21)) / 21;
  const drift = trend === "improving" ? -3 * progress : trend === "worsening" ? 3 * recent : 0;
  const pain = Math.min(10, Math.max(0, Math.round(plan.start + drift + (rnd.next() - 0.5) * 2)));
  if (rnd.chance(0.85)) {
    const reports: { context: PainContext; score: number }[] = [
      { context: "morning", score: pain },
    ];
    if (plan.exercisedYesterday) {
      // Settled by the next morning most of the time: at or below usual.
      const settled = trend !== "worsening" && !rnd.chance(0.02);
      reports.push({
        context: "next_morning",
        score: Math.min(10, Math.max(0, pain + (settled ? -1 : 1))),
      });
    }
    inputs.push({
      ...base,
      kind: "morning",
      submittedAt: new Date(`${day}T08:00:00Z`),
      pain: reports,
    });
  }
  plan.exercisedYesterday =
    (plan.flagDay === null || day < plan.flagDay) && rnd.chance(plan.adherence);
  if (plan.exercisedYesterday) {
    inputs.push({
      ...base,
      kind: "exercise",
      submittedAt: new Date(`${day}T18:00:00Z`),
      pain: [{ context: "during", score: duringPain(trend, pain, limit, rnd) }],
      logs: current.items.map((item) =>
        rnd.chance(0.92)
          ? { programItemId: item.id, setsDone: item.sets, repsDone: item.reps }
          : { programItemId: item.id, skippedReason: "no_time" as const },
      ),
    });
  }
  return { inputs, redFlag };
}

/** The program version a clinician saves on the day it starts, with its audit event. */
async function saveVersion(
  tx: Tx,
  plan: PatientPlan,
  clinicId: string,
  exerciseIds: readonly string[],
  v: number,
  at: Date,
): Promise<AuditInput> {
  const vp = plan.versionPlans[v]!;
  const { version, items } = await insertProgramVersion(tx, {
    clinicId,
    patientId: plan.patientId,
    authorId: plan.clinician.id,
    reason: vp.reason,
    painLimit: plan.limit,
    effectiveFrom: at,
    items: exerciseIds.slice(0, vp.itemCount).map((exerciseId) => ({
      exerciseId,
      sets: 2 + v,
      reps: 10,
      daysPerWeek: 7,
    })),
  });
  plan.versions.push({ from: vp.from, version, items });
  return {
    clinicId,
    actorKind: "user",
    actorId: plan.clinician.id,
    action: "program_version.create",
    entityType: "program_version",
    entityId: version.id,
    patientId: plan.patientId,
    after: {
      number: version.number,
      reason: vp.reason,
      painLimit: plan.limit,
      items: items.length,
    },
    ip: null,
    at,
  };
}

/** The state an alert's audit rows name (as the alerts service writes them). */
function alertState(alert: PastAlert, patientId: string, status: string) {
  return { alertId: alert.id, patientId, kind: alert.kind, status };
}

/** Past alerts opened or resolved on day `d`, written as the alert writer and service do. */
async function pastAlertsOfDay(
  tx: Tx,
  plan: PatientPlan,
  clinicId: string,
  d: number,
): Promise<AuditInput[]> {
  const audit: AuditInput[] = [];
  const common = { clinicId, entityType: "alert", patientId: plan.patientId, ip: null };
  for (const alert of plan.pastAlerts) {
    if (alert.openedDay === d) {
      alert.id = (
        await insertAlert(tx, {
          clinicId,
          patientId: plan.patientId,
          kind: alert.kind,
          severity: alert.severity,
          openedAt: alert.openedAt,
        })
      ).id;
      audit.push({
        ...common,
        actorKind: alert.raisedBy === "system" ? "system" : "patient_link",
        actorId: alert.raisedBy === "system" ? null : plan.linkId,
        action: "alert.raise",
        entityId: alert.id,
        after: { kind: alert.kind, severity: alert.severity, rule: `${alert.kind}@1` },
        at: alert.openedAt,
      });
    }
    if (alert.resolvedDay === d && alert.id) {
      const by = alert.byClinician ? plan.clinician.id : null;
      await tx
        .update(alerts)
        .set({
          status: "resolved",
          resolvedAt: alert.resolvedAt,
          resolvedBy: by,
          acknowledgedAt: by ? alert.resolvedAt : null,
          acknowledgedBy: by,
          updatedAt: alert.resolvedAt,
        })
        .where(eq(alerts.id, alert.id));
      audit.push(
        by
          ? {
              ...common,
              actorKind: "user",
              actorId: by,
              action: "alert.resolve",
              entityId: alert.id,
              before: alertState(alert, plan.patientId, "open"),
              after: alertState(alert, plan.patientId, "resolved"),
              at: alert.resolvedAt,
            }
          : {
              ...common,
              actorKind: "system",
              actorId: null,
              action: "alert.resolve_cleared",
              entityId: alert.id,
              before: { status: "open" },
              after: { kind: alert.kind, status: "resolved", rule: `${alert.kind}@1` },
              at: alert.resolvedAt,
            },
      );
    }
  }
  return audit;
}

/** Audit events in the order production appends them: by their instant (ties keep their order). */
const byInstant = (events: AuditInput[]) =>
  events.sort((a, b) => a.at!.getTime() - b.at!.getTime());

/**
 * A large clinic through the project's own factories (check-ins and audit events through their
 * bulk variants): `patients` patients, each with `days` of daily history (a morning check-in most
 * days, an exercise check-in with 3–5 logged items and the pain during them on most days, a
 * next-morning report after exercise days, the weekly safety check), 2–4 program versions over
 * the period, alerts raised and resolved along the way, and a mix of improving, steady and
 * worsening knees: most improve quietly, a minority needs attention (the worsening ones, a flare
 * over the limit this week, a red flag). Seeded, so every run builds the same clinic.
 *
 * Written the way production writes it, so its size and its query times are a clinic's: every
 * check-in, program version, link, patient and alert change has the audit event its service
 * appends (same action, actor, shape of `before`/`after`, hash chain), and the rows go in day by
 * day across all patients, in time order, rather than one patient's year at a time: a real
 * clinic's tables and indexes interleave patients, so a patient's year is spread over the file.
 */
export async function buildBenchClinic(
  db: Engine,
  options: { patients: number; days: number; now: Date },
) {
  const sqlite = db.kind === "sqlite" ? (db as SqliteEngine).writerConnection : null;
  // Interleaved writes touch pages all over the indexes; a larger cache keeps the build fast.
  const cacheSize = sqlite?.pragma("cache_size", { simple: true });
  sqlite?.pragma("cache_size = -262144");
  const seeds = seededRandom(2026);
  const clinic = await insertClinic(db, { name: "Bench Clinic", timeZone: TIME_ZONE });
  const clinicians: Clinician[] = [];
  for (let i = 0; i < 8; i++) {
    clinicians.push(
      await insertUser(db, {
        clinicId: clinic.id,
        role: i === 0 ? "admin" : "clinician",
        email: `bench${i}@bench.example`,
        name: `Bench Clinician ${i}`,
      }),
    );
  }
  const exerciseIds: string[] = [];
  for (const slug of EXERCISES) exerciseIds.push((await sharedExercise(db, slug)).id);
  const today = dayInZone(options.now, TIME_ZONE);
  const first = addDays(today, -options.days);
  const plans = Array.from({ length: options.patients }, (_, p) =>
    planPatient(p, Math.floor(seeds.next() * 2 ** 32), clinicians, options.days, first, today),
  );

  // Everyone is on the caseload with a link from the first day, as the clinician set them up.
  const createdAt = new Date(`${first}T09:00:00Z`);
  for (let from = 0; from < plans.length; from += SETUP_BATCH) {
    await db.write(clinic.id, async (tx) => {
      const audit: AuditInput[] = [];
      for (const [i, plan] of plans.slice(from, from + SETUP_BATCH).entries()) {
        const p = from + i;
        const patient = await insertPatient(tx, {
          clinicId: clinic.id,
          primaryClinicianId: plan.clinician.id,
          displayName: `Bench Patient ${String(p + 1).padStart(4, "0")}`,
          condition: plan.condition,
          timeZone: TIME_ZONE,
        });
        plan.patientId = patient.id;
        const { link } = await insertPatientLink(tx, {
          clinicId: clinic.id,
          patientId: patient.id,
          createdBy: plan.clinician.id,
        });
        plan.linkId = link.id;
        const user = {
          clinicId: clinic.id,
          actorKind: "user" as const,
          actorId: plan.clinician.id,
        };
        audit.push(
          {
            ...user,
            action: "patient.create",
            entityType: "patient",
            entityId: patient.id,
            patientId: patient.id,
            after: {
              displayName: patient.displayName,
              yearOfBirth: patient.yearOfBirth,
              condition: patient.condition,
              affectedSide: patient.affectedSide,
              timeZone: patient.timeZone,
              primaryClinicianId: patient.primaryClinicianId,
              status: patient.status,
            },
            ip: null,
            at: createdAt,
          },
          {
            ...user,
            action: "patient_link.create",
            entityType: "patient_link",
            entityId: link.id,
            patientId: patient.id,
            after: {
              expiresAt: link.expiresAt.toISOString(),
              validDays: LINK_DAYS,
              purpose: "panel",
            },
            ip: null,
            at: createdAt,
          },
        );
      }
      await insertAuditEventsBulk(tx, audit);
    });
  }

  for (let d = 0; d < options.days; d++) {
    const day = addDays(first, d);
    await db.write(clinic.id, async (tx) => {
      const audit: AuditInput[] = [];
      const checkIns: { input: CheckInInput; plan: PatientPlan }[] = [];
      const redFlags: {
        plan: PatientPlan;
        flag: NonNullable<ReturnType<typeof dayOfCheckIns>["redFlag"]>;
      }[] = [];
      for (const plan of plans) {
        for (const [v, vp] of plan.versionPlans.entries()) {
          if (vp.from === d)
            audit.push(
              await saveVersion(tx, plan, clinic.id, exerciseIds, v, new Date(`${day}T09:00:00Z`)),
            );
        }
        const { inputs, redFlag } = dayOfCheckIns(plan, clinic.id, d, options.days, day);
        for (const input of inputs) checkIns.push({ input, plan });
        if (redFlag) redFlags.push({ plan, flag: redFlag });
        audit.push(...(await pastAlertsOfDay(tx, plan, clinic.id, d)));
      }
      // The day's answers in the order they arrive, every patient's interleaved.
      checkIns.sort((a, b) => a.input.submittedAt!.getTime() - b.input.submittedAt!.getTime());
      const ids = await insertCheckInsBulk(
        tx,
        checkIns.map((c) => c.input),
      );
      const idOf = new Map(checkIns.map((c, i) => [c.input, ids[i]!]));
      checkIns.forEach((c, i) => audit.push(checkInAudit(c.input, ids[i]!, c.plan.linkId)));
      for (const { plan, flag } of redFlags) {
        const rule = flag.level === "emergency" ? RED_FLAG_EMERGENCY : RED_FLAG_URGENT;
        const checkInId = idOf.get(flag.input)!;
        const at = flag.input.submittedAt!;
        const alert = await insertAlert(tx, {
          clinicId: clinic.id,
          patientId: plan.patientId,
          kind: rule.kind,
          severity: rule.severity,
          ruleVersion: rule.ruleVersion,
          inputs: {
            questionIds: [flag.questionId],
            questionSet: RED_FLAG_SET_VERSION,
            checkInId,
            day,
          },
          openedAt: at,
        });
        audit.push({
          clinicId: clinic.id,
          actorKind: "patient_link",
          actorId: plan.linkId,
          action: "alert.raise",
          entityType: "alert",
          entityId: alert.id,
          patientId: plan.patientId,
          after: {
            kind: rule.kind,
            severity: rule.severity,
            rule: rule.ruleId,
            checkInId,
            questionCount: 1,
          },
          ip: null,
          at,
        });
      }
      await insertAuditEventsBulk(tx, byInstant(audit));
    });
    if ((d + 1) % 30 === 0) process.stdout.write(`  built ${d + 1} of ${options.days} days\r`);
  }
  process.stdout.write("\n");
  if (sqlite) sqlite.pragma(`cache_size = ${String(cacheSize)}`);
  return { clinicId: clinic.id, userId: clinicians[1]!.id };
}
