import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import {
  insertAlert,
  insertCheckInsBulk,
  insertClinic,
  insertPatient,
  insertProgramVersion,
  insertUser,
  sharedExercise,
} from "@/db/factories";
import { alerts } from "@/db/schema";
import type { AlertSeverity, Condition, PainContext } from "@/db/schema/enums";
import { CONDITIONS } from "@/db/schema/enums";
import { seededRandom, type Random } from "@/db/seed/random";
import { RED_FLAG_EMERGENCY, RED_FLAG_URGENT } from "@/server/domain/alert-rules";
import { addDays, dayInZone } from "@/server/domain/days";
import { RED_FLAG_IDS, RED_FLAG_QUESTIONS, RED_FLAG_SET_VERSION } from "@/server/domain/red-flags";

/** Bump when the generator changes, so an old bench database is rebuilt rather than reused. */
export const GENERATOR_VERSION = "bench-7";

/**
 * About one patient in 250 answers a red flag "yes" in a given week: a clinic of 2,000 has a
 * handful of them open at any time, most urgent, some an emergency.
 */
const RED_FLAG_WEEKLY_CHANCE = 0.004;

const EXERCISES = ["wall-squat", "glute-bridge", "clamshell", "straight-leg-raise", "calf-raises"];
const TIME_ZONE = "Europe/London";
type Trend = "improving" | "steady" | "worsening";

/** The kinds a year of ordinary ups and downs raises and later settles, with their severity. */
const PAST_ALERTS: { kind: string; severity: AlertSeverity }[] = [
  { kind: "low-adherence", severity: "low" },
  { kind: "pain-over-limit", severity: "medium" },
  { kind: "not-settled", severity: "medium" },
  { kind: "not-improving", severity: "low" },
];

/**
 * A year's worth of alerts that have come and gone (about one a month, resolved a few days later,
 * half by the clinician and half cleared by the rules), through the alert factory. A clinic a year
 * in has far more resolved alerts than open ones, and the caseload reads the alerts table to count
 * the open ones: without this history the bench would flatter that query. The last two weeks are
 * left to the sweep, which decides what is open now.
 */
function addPastAlerts(
  tx: Tx,
  ids: { clinicId: string; patientId: string; authorId: string },
  first: string,
  days: number,
  rnd: Random,
) {
  for (let month = 0; month * 30 < days - 14; month++) {
    const count = rnd.int(0, 2);
    for (let n = 0; n < count; n++) {
      const offset = Math.min(days - 15, month * 30 + rnd.int(0, 29));
      const openedAt = new Date(`${addDays(first, offset)}T10:00:00Z`);
      const resolvedAt = new Date(openedAt.getTime() + rnd.int(1, 10) * 86_400_000);
      const { kind, severity } = rnd.pick(PAST_ALERTS);
      const alert = insertAlert(tx, {
        clinicId: ids.clinicId,
        patientId: ids.patientId,
        kind,
        severity,
        openedAt,
      });
      const byClinician = rnd.chance(0.5);
      tx.update(alerts)
        .set({
          status: "resolved",
          resolvedAt,
          resolvedBy: byClinician ? ids.authorId : null,
          acknowledgedAt: byClinician ? resolvedAt : null,
          acknowledgedBy: byClinician ? ids.authorId : null,
          updatedAt: resolvedAt,
        })
        .where(eq(alerts.id, alert.id))
        .run();
    }
  }
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

/**
 * A red-flag "yes" a few days ago, as the phone sends it (every question of the current set
 * answered, one yes), and the alert it raised with the inputs the check-in service stores.
 */
function redFlagYes(
  tx: Tx,
  ids: { clinicId: string; patientId: string },
  versionId: string,
  day: string,
  rnd: Random,
) {
  const question = rnd.chance(0.25)
    ? rnd.pick(RED_FLAG_QUESTIONS.filter((q) => q.level === "emergency"))
    : rnd.pick(RED_FLAG_QUESTIONS.filter((q) => q.level === "urgent"));
  const at = new Date(`${day}T12:00:00Z`);
  const [checkInId] = insertCheckInsBulk(tx, [
    {
      ...ids,
      versionId,
      day,
      kind: "safety",
      submittedAt: at,
      questionSet: RED_FLAG_SET_VERSION,
      redFlags: RED_FLAG_IDS.map((id) => ({ questionId: id, answer: id === question.id })),
    },
  ]);
  const rule = question.level === "emergency" ? RED_FLAG_EMERGENCY : RED_FLAG_URGENT;
  insertAlert(tx, {
    ...ids,
    kind: rule.kind,
    severity: rule.severity,
    ruleVersion: rule.ruleVersion,
    inputs: { questionIds: [question.id], questionSet: RED_FLAG_SET_VERSION, checkInId, day },
    openedAt: at,
  });
}

/**
 * A large clinic through the project's own factories (check-ins through their bulk variant): `patients` patients, each with `days` of
 * daily history (a morning check-in most days, an exercise check-in with 3–5 logged items and the
 * pain during them on most days, a next-morning report after exercise days, the weekly safety
 * check), 2–4 program versions over the period, resolved alerts along the way, and a mix of
 * improving, steady and worsening knees: most improve quietly, a minority needs attention (the
 * worsening ones, a flare over the limit this week, a red flag). Seeded, so every run builds the
 * same clinic.
 */
export async function buildBenchClinic(
  db: Db,
  options: { patients: number; days: number; now: Date },
) {
  const rnd = seededRandom(2026);
  const clinic = insertClinic(db, { name: "Bench Clinic", timeZone: TIME_ZONE });
  const clinicians: Awaited<ReturnType<typeof insertUser>>[] = [];
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
  const exerciseIds = EXERCISES.map((slug) => sharedExercise(db, slug).id);
  const today = dayInZone(options.now, TIME_ZONE);
  const first = addDays(today, -options.days);
  for (let p = 0; p < options.patients; p++) {
    db.transaction((tx) => {
      const clinician = clinicians[p % clinicians.length]!;
      const condition = CONDITIONS[p % CONDITIONS.length] as Condition;
      // Most knees on a home program improve; some hold steady, a few get worse.
      const trend: Trend = rnd.chance(0.1)
        ? "worsening"
        : rnd.chance(0.75)
          ? "improving"
          : "steady";
      const adherence = 0.45 + rnd.next() * 0.5;
      const limit = condition === "runners_knee" ? 3 : 5;
      const patient = insertPatient(tx, {
        clinicId: clinic.id,
        primaryClinicianId: clinician.id,
        displayName: `Bench Patient ${String(p + 1).padStart(4, "0")}`,
        condition,
        timeZone: TIME_ZONE,
      });
      const ids = { clinicId: clinic.id, patientId: patient.id, authorId: clinician.id };
      const versionCount = rnd.int(2, 4);
      const versions = Array.from({ length: versionCount }, (_, v) => {
        const startOffset = Math.floor((v * options.days) / versionCount);
        const itemCount = rnd.int(3, 5);
        const { version, items } = insertProgramVersion(tx, {
          ...ids,
          reason:
            v === 0
              ? "initial"
              : trend === "worsening" && v === versionCount - 1
                ? "regress"
                : "progress",
          painLimit: limit,
          effectiveFrom: new Date(`${addDays(first, startOffset)}T09:00:00Z`),
          items: exerciseIds.slice(0, itemCount).map((exerciseId) => ({
            exerciseId,
            sets: 2 + v,
            reps: 10,
            daysPerWeek: 7,
          })),
        });
        return { from: startOffset, version, items };
      });
      const history: Parameters<typeof insertCheckInsBulk>[1][number][] = [];
      const start = rnd.int(4, 7);
      // A red-flag "yes" in the last 6 days for a few; the phone pauses the exercises from then on.
      const flagDay = rnd.chance(RED_FLAG_WEEKLY_CHANCE) ? addDays(today, -rnd.int(1, 6)) : null;
      let exercisedYesterday = false;
      for (let d = 0; d < options.days; d++) {
        const day = addDays(first, d);
        const current = [...versions].reverse().find((v) => v.from <= d) ?? versions[0]!;
        if (d % 7 === 0)
          history.push({
            clinicId: clinic.id,
            patientId: patient.id,
            versionId: current.version.id,
            day,
            kind: "safety",
            submittedAt: new Date(`${day}T07:30:00Z`),
            questionSet: RED_FLAG_SET_VERSION,
            redFlags: RED_FLAG_IDS.map((questionId) => ({ questionId, answer: false })),
          });
        if (day === flagDay) redFlagYes(tx, ids, current.version.id, day, rnd);
        const progress = d / options.days;
        const recent = Math.max(0, d - (options.days - 21)) / 21;
        const drift =
          trend === "improving" ? -3 * progress : trend === "worsening" ? 3 * recent : 0;
        const pain = Math.min(10, Math.max(0, Math.round(start + drift + (rnd.next() - 0.5) * 2)));
        if (rnd.chance(0.85)) {
          const reports: { context: PainContext; score: number }[] = [
            { context: "morning", score: pain },
          ];
          if (exercisedYesterday) {
            // Settled by the next morning most of the time: at or below usual.
            const settled = trend !== "worsening" && !rnd.chance(0.02);
            reports.push({
              context: "next_morning",
              score: Math.min(10, Math.max(0, pain + (settled ? -1 : 1))),
            });
          }
          history.push({
            clinicId: clinic.id,
            patientId: patient.id,
            versionId: current.version.id,
            day,
            kind: "morning",
            submittedAt: new Date(`${day}T08:00:00Z`),
            pain: reports,
          });
        }
        exercisedYesterday = (flagDay === null || day < flagDay) && rnd.chance(adherence);
        if (exercisedYesterday) {
          history.push({
            clinicId: clinic.id,
            patientId: patient.id,
            versionId: current.version.id,
            day,
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
      }
      insertCheckInsBulk(tx, history);
      addPastAlerts(tx, ids, first, options.days, rnd);
    });
    if ((p + 1) % 100 === 0)
      process.stdout.write(`  built ${p + 1} of ${options.patients} patients\r`);
  }
  process.stdout.write("\n");
  return { clinicId: clinic.id, userId: clinicians[1]!.id };
}
