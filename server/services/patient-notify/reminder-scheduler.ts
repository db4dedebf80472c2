import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import { outbox, patientLinks, patients, patientSummaries, reminderSettings } from "@/db/schema";
import type { PatientData, SystemData } from "@/server/data/clinic-data";
import { itemsToday, weekStart } from "@/server/domain/check-in-schedule";
import { dayInZone } from "@/server/domain/days";
import { decideNotice, silentStretchId, timeForNotice } from "@/server/domain/reminders";
import { getCurrentProgram } from "../programs/get-current-program";
import { loggedSessions, readCheckInHistory } from "../plan/check-in-history";
import { enqueuePatientNotice, patientNoticeDedupeKey } from "./enqueue";

export interface ReminderRunResult {
  checked: number;
  reminders: number;
  nudges: number;
  failed: number;
}

/**
 * A patient found with nothing to send today (the day is done, not a chosen day, no link …) is
 * read again after this long rather than every round: what they did can change (a new program,
 * a new link), but not every minute. Kept in this process only, as a saving: a restart or another
 * server simply reads them again.
 */
export const LOOK_AGAIN_MS = 15 * 60_000;
const lookAgainAt = new Map<string, number>();

function remember(key: string, at: number) {
  if (lookAgainAt.size >= 100_000) lookAgainAt.clear();
  lookAgainAt.set(key, at);
}

/** Dedupe keys looked up per statement. */
const KEY_BATCH = 500;

/** Which of these notices the outbox already holds (through its unique index on the key). */
async function queuedKeys(system: SystemData, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += KEY_BATCH) {
    const rows = await system.read((db) =>
      db
        .select({ key: outbox.dedupeKey })
        .from(outbox)
        .where(inArray(outbox.dedupeKey, keys.slice(i, i + KEY_BATCH))),
    );
    for (const row of rows) found.add(row.key);
  }
  return found;
}

interface Candidate {
  patientId: string;
  clinicId: string;
  timeZone: string;
  remindAt: string;
  weekdays: number;
}

/**
 * Everything `decideNotice` needs about one patient, read in their clinic's scope: the program in
 * force and this week's sessions (is today done?), the last check-in (the nudge), whether a link
 * still works, and which of today's notices the outbox already holds.
 */
async function readPatientFacts(data: PatientData, candidate: Candidate, today: string, now: Date) {
  const { patientId } = candidate;
  return data.read(async (db) => {
    const program = await getCurrentProgram({ db, clinicId: data.clinicId, patientId });
    const [summary] = await db
      .select({
        lastCheckInDay: patientSummaries.lastCheckInDay,
        programStartDay: patientSummaries.programStartDay,
      })
      .from(patientSummaries)
      .where(data.mine(patientSummaries, eq(patientSummaries.patientId, patientId)))
      .limit(1);
    const [link] = await db
      .select({ id: patientLinks.id })
      .from(patientLinks)
      .where(
        data.mine(
          patientLinks,
          eq(patientLinks.patientId, patientId),
          isNull(patientLinks.revokedAt),
          gt(patientLinks.expiresAt, now),
        ),
      )
      .limit(1);
    const history = await readCheckInHistory({
      db,
      scope: { data, clinicId: data.clinicId, patientId, linkId: "", ip: null },
      from: weekStart(today),
      to: today,
    });
    const lastCheckInDay = summary?.lastCheckInDay ?? null;
    const programStartDay =
      summary?.programStartDay ??
      (program ? dayInZone(program.version.effectiveFrom, candidate.timeZone) : null);
    const keys = {
      reminder: patientNoticeDedupeKey("reminder", patientId, today),
      nudge: patientNoticeDedupeKey(
        "nudge",
        patientId,
        silentStretchId(lastCheckInDay, programStartDay),
      ),
    };
    const queued = await db
      .select({ key: outbox.dedupeKey })
      .from(outbox)
      .where(data.mine(outbox, inArray(outbox.dedupeKey, [keys.reminder, keys.nudge])));
    const items = itemsToday({
      today,
      items: (program?.items ?? []).map((i) => ({
        key: i.exercise.id,
        sessionsPerDay: i.sessionsPerDay,
        daysPerWeek: i.daysPerWeek,
      })),
      logs: loggedSessions(history.sessions),
    });
    return {
      hasProgram: (program?.items.length ?? 0) > 0,
      linkWorks: link !== undefined,
      lastCheckInDay,
      programStartDay,
      dayDone: items.every((i) => i.remaining === 0),
      sent: {
        reminderToday: queued.some((q) => q.key === keys.reminder),
        nudgeThisStretch: queued.some((q) => q.key === keys.nudge),
      },
    };
  });
}

/**
 * One round of the reminder scheduler (decision 032): for every active patient with reminders on
 * whose own clock has passed their reminder time, decides today's notice (`decideNotice`) and
 * enqueues it in the outbox, once: the outbox's dedupe key makes a second round, a second server
 * or a restart enqueue nothing more. A round after an outage catches up on the same day only.
 * The candidates are read across clinics (the system path), then each patient in their clinic's
 * scope; one patient's failure does not stop the rest. The caller kicks the outbox afterwards.
 */
export async function runReminders(options: {
  system: SystemData;
  now: Date;
}): Promise<ReminderRunResult> {
  const { system, now } = options;
  const candidates: Candidate[] = await system.read((db) =>
    db
      .select({
        patientId: reminderSettings.patientId,
        clinicId: reminderSettings.clinicId,
        timeZone: patients.timeZone,
        remindAt: reminderSettings.remindAt,
        weekdays: reminderSettings.weekdays,
      })
      .from(reminderSettings)
      .innerJoin(
        patients,
        and(
          eq(patients.id, reminderSettings.patientId),
          eq(patients.clinicId, reminderSettings.clinicId),
        ),
      )
      .where(and(eq(reminderSettings.remindersOn, true), eq(patients.status, "active"))),
  );
  const result: ReminderRunResult = { checked: 0, reminders: 0, nudges: 0, failed: 0 };
  // The clock alone rules most patients out without reading anything more.
  const due = candidates.flatMap((candidate) => {
    const settings = {
      remindersOn: true,
      remindAt: candidate.remindAt,
      weekdays: candidate.weekdays,
    };
    const time = timeForNotice({
      now,
      timeZone: candidate.timeZone,
      settings,
      patient: { active: true, linkWorks: true, hasProgram: true },
    });
    if (time.reason) return [];
    // Changed choices are a new key: they are looked at in the next round.
    const memo = `${candidate.patientId}:${time.day}:${candidate.remindAt}:${candidate.weekdays}`;
    const nextLook = lookAgainAt.get(memo);
    if (nextLook !== undefined && nextLook > now.getTime()) return [];
    return [{ candidate, settings, day: time.day, memo }];
  });
  // Today's reminder already queued: nothing more today (one query per batch, not per patient).
  const reminded = await queuedKeys(
    system,
    due.map(({ candidate, day }) => patientNoticeDedupeKey("reminder", candidate.patientId, day)),
  );
  for (const { candidate, settings, day, memo } of due) {
    if (reminded.has(patientNoticeDedupeKey("reminder", candidate.patientId, day))) continue;
    result.checked += 1;
    const data = system.forPatient(candidate.clinicId, candidate.patientId);
    try {
      const facts = await readPatientFacts(data, candidate, day, now);
      const decision = decideNotice({
        now,
        timeZone: candidate.timeZone,
        settings,
        patient: { active: true, ...facts },
        dayDone: facts.dayDone,
        sent: facts.sent,
      });
      if (!decision.notice) {
        remember(memo, now.getTime() + LOOK_AGAIN_MS);
        continue;
      }
      const kind = decision.notice;
      const queued = await data.write((tx) =>
        enqueuePatientNotice({
          tx,
          clinicId: candidate.clinicId,
          patientId: candidate.patientId,
          kind,
          sourceId: decision.sourceId,
          now,
        }),
      );
      if (queued) result[kind === "nudge" ? "nudges" : "reminders"] += 1;
    } catch (error) {
      result.failed += 1;
      // The id is enough to find the patient; nothing else about them goes to the log.
      console.error(
        `reminders: patient ${candidate.patientId} failed: ${error instanceof Error ? error.name : "error"}`,
      );
    }
  }
  return result;
}
