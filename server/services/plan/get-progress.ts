import { eq } from "drizzle-orm";
import { patients } from "@/db/schema";
import { itemsToday, weekStart } from "@/server/domain/check-in-schedule";
import { addDays, dayInZone } from "@/server/domain/days";
import {
  dailyPain,
  encouragement,
  weekSessions,
  weeklySummaries,
} from "@/server/domain/patient-progress";
import { NotFoundError } from "../errors";
import { getCurrentProgram } from "../programs/get-current-program";
import type { PatientScope } from "../scope";
import { readCheckInHistory } from "./check-in-history";

/** How many ISO weeks the patient's chart shows, this one included. */
const WEEKS_SHOWN = 8;

/** The patient's own week and pain over the weeks; only their own answers. */
export function getProgress(options: { scope: PatientScope; now?: Date }) {
  const { scope } = options;
  const patient = scope.db
    .select({ timeZone: patients.timeZone, clinicId: patients.clinicId })
    .from(patients)
    .where(eq(patients.id, scope.patientId))
    .get();
  if (!patient || patient.clinicId !== scope.clinicId) throw new NotFoundError("Your plan");
  const today = dayInZone(options.now ?? new Date(), patient.timeZone);
  const thisWeek = weekStart(today);
  const from = addDays(thisWeek, -7 * (WEEKS_SHOWN - 1));
  const history = readCheckInHistory({ scope, from, to: today });
  const program = getCurrentProgram({
    db: scope.db,
    clinicId: scope.clinicId,
    patientId: scope.patientId,
  });
  const items = (program?.items ?? []).map((i) => ({
    key: i.exercise.id,
    sessionsPerDay: i.sessionsPerDay,
    daysPerWeek: i.daysPerWeek,
  }));
  const week = weekSessions({
    items,
    sessions: history.sessions
      .filter((s) => s.day >= thisWeek)
      .map((s) => ({ key: s.exerciseId, sessionsDone: s.sessionsDone })),
  });
  const todays = itemsToday({
    today,
    items,
    logs: history.sessions.map((s) => ({
      key: s.exerciseId,
      day: s.day,
      done: s.sessionsDone > 0,
    })),
  });
  const days = dailyPain({ from, to: today, pain: history.pain });
  const weeks = weeklySummaries({ days, sessions: history.sessions });
  return {
    today,
    week,
    todayDone: todays.reduce((n, i) => n + Math.min(i.doneToday, i.asked), 0),
    todayAsked: todays.reduce((n, i) => n + i.asked, 0),
    days,
    weeks,
    encouragement: encouragement({ week, weeks }),
  };
}
