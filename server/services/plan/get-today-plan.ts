import { eq } from "drizzle-orm";
import { patients } from "@/db/schema";
import { minePrepared } from "@/server/data/clinic-data";
import { redFlagPause } from "@/server/domain/alert-rules";
import { todayAsks, weekStart } from "@/server/domain/check-in-schedule";
import { addDays, dayInZone } from "@/server/domain/days";
import { figureSide } from "@/server/domain/figure-side";
import { safetyCheckPostponesLeft } from "../check-ins/postpone-safety-check";
import { readClinicContact } from "../clinic/clinic-details";
import { NotFoundError } from "../errors";
import { getCurrentProgram } from "../programs/get-current-program";
import { perConnection, placeholder as p } from "../prepared";
import type { PatientScope } from "../scope";
import { openRedFlags, readOpenAlerts } from "../clinical/open-alerts";
import { loggedSessions, readCheckInHistory, readSafetyCheckDays } from "./check-in-history";

/** Every visit to /p reads it: prepared once per connection. */
const patientRow = perConnection((db) =>
  db
    .select({
      displayName: patients.displayName,
      timeZone: patients.timeZone,
    })
    .from(patients)
    .where(minePrepared(patients, eq(patients.id, p("patientId"))))
    .limit(1)
    .prepare("today_plan_patient"),
);

/**
 * What the patient sees first: their clinic's name and contact, today's date in their own time
 * zone, the exercises of the program in force, and what is asked of them today (the morning
 * question, the weekly safety check, each exercise's sessions, the exercise pain), and whether a
 * red flag pauses the exercises. Nothing about other patients or staff.
 */
export async function getTodayPlan(options: { scope: PatientScope; now?: Date }) {
  const { scope } = options;
  const { data } = scope;
  // One read: on PostgreSQL one transaction for the page's statements, not one each.
  const { patient, clinic, program, today, history, openAlerts, postponesLeft } = await data.read(
    async (db) => {
      const [patient] = await patientRow(db).execute(data.bind({ patientId: scope.patientId }));
      if (!patient) throw new NotFoundError("Your plan");
      const clinic = await readClinicContact(db, data.clinicId);
      if (!clinic) throw new NotFoundError("Your clinic");
      const program = await getCurrentProgram({
        db,
        clinicId: data.clinicId,
        patientId: scope.patientId,
      });
      const today = dayInZone(options.now ?? new Date(), patient.timeZone);
      const window = { from: [weekStart(today), addDays(today, -1)].sort()[0]!, to: today };
      const history = {
        ...(await readCheckInHistory({ db, scope, ...window })),
        safetyDays: await readSafetyCheckDays({ db, scope, ...window }),
      };
      const openAlerts = await readOpenAlerts(db, scope);
      const postponesLeft = await safetyCheckPostponesLeft({ db, scope, week: weekStart(today) });
      return { patient, clinic, program, today, history, openAlerts, postponesLeft };
    },
  );
  const daysWith = (context: string) =>
    history.pain.filter((p) => p.context === context).map((p) => p.day);
  const asks = todayAsks({
    today,
    items: (program?.items ?? []).map((i) => ({
      key: i.exercise.id,
      sessionsPerDay: i.sessionsPerDay,
      daysPerWeek: i.daysPerWeek,
    })),
    logs: loggedSessions(history.sessions),
    morningDays: daysWith("morning"),
    duringDays: daysWith("during"),
    safetyDays: history.safetyDays,
  });
  const todayPain = (context: string) =>
    history.pain.find((p) => p.day === today && p.context === context)?.latest ?? null;
  return {
    clinic,
    firstName: patient.displayName.split(" ")[0] ?? patient.displayName,
    today,
    painLimit: program?.version.painLimit ?? null,
    asks: {
      morningPain: asks.morningPain,
      safetyCheck: asks.safetyCheck,
      exercisePain: asks.exercisePain,
      nothingAsked: asks.nothingAsked,
    },
    morningPainToday: todayPain("morning"),
    exercisePainToday: todayPain("during"),
    /**
     * The red-flag pause (CLINICAL.md): while a red-flag alert is unresolved and under 7 days old,
     * its advice comes first and the exercises are paused.
     */
    redFlagPause: pauseOf(openRedFlags(openAlerts, patient.timeZone), today),
    /** "Answer later" left for this week's safety check. */
    safetyCheckPostponesLeft: postponesLeft,
    items: (program?.items ?? []).map((i, index) => {
      const t = asks.items[index]!;
      return {
        id: i.id,
        exerciseId: i.exercise.id,
        media: i.exercise.media,
        figure: i.exercise.figure,
        side: figureSide(i.side, i.exercise.sidedness),
        name: i.exercise.name,
        summary: i.exercise.summary,
        steps: i.exercise.steps,
        whatToFeel: i.exercise.whatToFeel,
        stopIf: i.exercise.stopIf,
        cautions: i.exercise.cautions,
        doseText: i.doseText,
        sessionText: i.sessionText,
        frequencyText: i.frequencyText,
        notes: i.notes,
        sets: i.sets,
        reps: i.reps,
        sessionsPerDay: i.sessionsPerDay,
        daysPerWeek: i.daysPerWeek,
        today: {
          asked: t.asked,
          doneToday: t.doneToday,
          skippedToday: t.skippedToday,
          remaining: t.remaining,
          restDay: t.restDay,
          daysDoneThisWeek: t.daysDoneThisWeek,
        },
      };
    }),
  };
}

function pauseOf(...args: Parameters<typeof redFlagPause>) {
  const pause = redFlagPause(...args);
  return pause ? { level: pause.level, endsOn: pause.endsOn } : null;
}

export type TodayPlan = Awaited<ReturnType<typeof getTodayPlan>>;
