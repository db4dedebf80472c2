/**
 * CLINICAL.md worked examples 11–17, each one test, named as docs/clinical-rules.md cites them.
 * Examples 1–10 live beside the rule they check (adherence, advice, alert-rules, check-in-schedule).
 * The procedure-level halves of 11 and 17 (a clinician resolving, a phone postponing) are in
 * server/services/clinical/refresh-patient.test.ts and the check-ins router tests.
 */
import { describe, expect, it } from "vitest";
import { adherence } from "./adherence";
import { adviceInputs, adviseProgression } from "./advice";
import {
  notImprovingAlert,
  notSettledAlert,
  painHighAlert,
  painWorseningAlert,
  safetyCheckOverdueAlert,
} from "./alert-rules";
import { isSafetyCheckDue } from "./check-in-schedule";
import type { ExerciseSession, PainReport, VersionWithItems } from "./clinical-types";
import { addDays } from "./days";
import { patientFigures, type PatientRecord } from "./patient-figures";
import { scheduleItems } from "./timeline";

const morning = (day: string, score: number): PainReport => ({ day, context: "morning", score });

describe("CLINICAL.md worked examples 11–17", () => {
  it("example 11: a red flag pauses the pain rules, keeps other alerts, and the rules run again when it is resolved", () => {
    const today = "2026-05-20";
    const start = "2026-04-20";
    const versions: PatientRecord["versions"] = [
      {
        number: 1,
        reason: "initial",
        painLimit: 5,
        fromDay: start,
        items: [{ itemId: "a", sessionsPerDay: 1, daysPerWeek: 7, sets: 2, reps: 10 }],
      },
    ];
    const record: PatientRecord = {
      today,
      versions,
      // The day after the yes: a `during` report of 9, far above the limit of 5.
      reports: [{ day: today, context: "during", score: 9 }],
      sessions: [],
      lastCheckInDay: today,
      lastSafetyCheckDay: addDays(today, -1),
      openRedFlags: [{ level: "emergency", day: addDays(today, -1) }],
    };
    const paused = patientFigures(record);
    expect(paused.pause?.level).toBe("emergency");
    expect(paused.alerts).toEqual([]);
    expect(paused.advice).toBeNull();

    const resolved = patientFigures({ ...record, openRedFlags: [] });
    expect(resolved.pause).toBeNull();
    expect(resolved.alerts.map((a) => a.ruleId)).toContain("pain-over-limit@1");
  });

  it("example 12: morning [8, 9, 8, 7, 8], baseline 9 → pain-high@1 and no pain-worsening", () => {
    const today = "2026-06-30";
    const start = "2026-06-01";
    const baselineWeek = [0, 1, 2].map((d) => morning(addDays(start, d), 9));
    const lastWeek = [8, 9, 8, 7, 8].map((score, i) => morning(addDays(today, -4 + i), score));
    const reports = [...baselineWeek, ...lastWeek];
    const high = painHighAlert({ reports, today });
    expect(high?.ruleId).toBe("pain-high@1");
    expect(high?.inputs.daysAtOrAbove8).toBe(4);
    expect(painWorseningAlert({ reports, programStartDay: start, today })).toBeNull();
  });

  it("example 13: b = 3; next morning 4 → hold and no not-settled; next morning 5 → not-settled@2", () => {
    const today = "2026-07-10";
    const start = "2026-06-20";
    const usualWeek = [1, 2, 3, 4, 5].map((d) => morning(addDays(today, -d), 3));
    const withNextMorning = (score: number): PainReport[] => [
      ...usualWeek,
      { day: today, context: "next_morning", score },
    ];
    const version = { number: 1, painLimit: 5, fromDay: start };
    const items = scheduleItems([
      {
        ...version,
        items: [{ itemId: "a", sessionsPerDay: 1, daysPerWeek: 7, sets: 2, reps: 10 }],
      },
    ]);
    const sessions: ExerciseSession[] = [1, 2, 3, 4, 5, 6, 7].map((d) => ({
      day: addDays(today, -d),
      itemId: "a",
      sessionsDone: 1,
      setsDone: null,
      repsDone: null,
      skipped: false,
    }));

    const four = withNextMorning(4);
    expect(notSettledAlert({ reports: four, programStartDay: start, today })).toBeNull();
    const advice = adviseProgression(
      adviceInputs({ today, version, reports: four, sessions, items }),
    );
    expect([advice.advice, advice.rule]).toEqual(["hold", "not-settled-once"]);

    const five = withNextMorning(5);
    const alert = notSettledAlert({ reports: five, programStartDay: start, today });
    expect(alert?.ruleId).toBe("not-settled@2");
    expect(alert?.inputs).toMatchObject({ score: 5, usual: 3 });
  });

  it("example 14: not-improving@2 needs a baseline of 3 and a fall of neither 2 points nor 30 %", () => {
    const today = "2026-08-05";
    const start = addDays(today, -35);
    const week = (scores: number[]) => scores.map((s, i) => morning(addDays(today, -i), s));
    const base = (scores: number[]) => scores.map((s, i) => morning(addDays(start, i), s));
    const check = (reports: PainReport[]) =>
      notImprovingAlert({ reports, programStartDay: start, today });

    expect(check([...base([1.5, 1.5, 1.5]), ...week([1.5, 1.5, 1.5])])).toBeNull();
    const flat = check([...base([6, 6, 6]), ...week([4.5, 4.5, 4.5])]);
    expect(flat?.ruleId).toBe("not-improving@2");
    expect(flat?.inputs).toMatchObject({ baseline: 6, mean7: 4.5 });
    expect(check([...base([6, 6, 6]), ...week([4, 4, 4])])).toBeNull();
  });

  it("example 15: 2 sessions a day on 2 days a week, 10 days on the version, 3 exercise days in 14 → progress", () => {
    const today = "2026-09-20";
    const version = { number: 2, painLimit: 5, fromDay: addDays(today, -10) };
    const items = scheduleItems([
      { number: 1, painLimit: 5, fromDay: addDays(today, -40), items: [] },
      { ...version, items: [{ itemId: "b", sessionsPerDay: 2, daysPerWeek: 2, sets: 3, reps: 8 }] },
    ]);
    const exerciseDays = [9, 5, 2].map((d) => addDays(today, -d));
    const sessions: ExerciseSession[] = exerciseDays.map((day) => ({
      day,
      itemId: "b",
      sessionsDone: 2,
      setsDone: null,
      repsDone: null,
      skipped: false,
    }));
    const reports: PainReport[] = [
      // Usual pain 2 on every day of the last two weeks; next mornings settled at 2.
      ...Array.from({ length: 21 }, (_, i) => morning(addDays(today, -i), i < 7 ? 1.6 : 2)),
      ...exerciseDays.map((d) => ({
        day: addDays(d, 1),
        context: "next_morning" as const,
        score: 1,
      })),
      ...exerciseDays.map((day) => ({ day, context: "during" as const, score: 3 })),
    ];
    const inputs = adviceInputs({ today, version, reports, sessions, items });
    expect(inputs.exerciseDays).toBe(3);
    expect(inputs.adherence7).toBe(1);
    expect(adviseProgression(inputs).advice).toBe("progress");
  });

  it("example 16: a version saved in the afternoon of 9 March keeps that day on version 1 → A(7) on 12 March = 1", () => {
    const versions: VersionWithItems[] = [
      {
        number: 1,
        painLimit: 5,
        fromDay: "2026-02-20",
        items: [
          {
            itemId: "v1",
            exerciseId: "squat",
            sessionsPerDay: 1,
            daysPerWeek: 7,
            sets: 2,
            reps: 10,
          },
        ],
      },
      {
        number: 2,
        painLimit: 5,
        fromDay: "2026-03-09",
        items: [
          {
            itemId: "v2",
            exerciseId: "squat",
            sessionsPerDay: 1,
            daysPerWeek: 7,
            sets: 3,
            reps: 10,
          },
        ],
      },
    ];
    const session = (day: string, itemId: string): ExerciseSession => ({
      day,
      itemId,
      sessionsDone: 1,
      setsDone: null,
      repsDone: null,
      skipped: false,
    });
    const sessions = [
      ...["2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08"].map((d) => session(d, "v1")),
      session("2026-03-09", "v1"),
      ...["2026-03-10", "2026-03-11"].map((d) => session(d, "v2")),
    ];
    const a = adherence({ items: scheduleItems(versions), sessions, today: "2026-03-12", days: 7 });
    expect(a.expected).toBe(7);
    expect(a.done).toBe(7);
    expect(a.sessionAdherence).toBe(1);

    // Logged against version 2 on the day it was saved, the session still counts for that day.
    const afterSave = [
      ...sessions.filter((s) => s.day !== "2026-03-09"),
      session("2026-03-09", "v2"),
    ];
    expect(
      adherence({
        items: scheduleItems(versions),
        sessions: afterSave,
        today: "2026-03-12",
        days: 7,
      }).sessionAdherence,
    ).toBe(1);
  });

  it("example 17: the weekly check is due until answered; no completed check for 10 days → safety-check-overdue@1", () => {
    const today = "2026-10-21";
    expect(isSafetyCheckDue({ today, safetyDays: [] })).toBe(true);
    const start = "2026-09-01";
    const last = addDays(today, -11);
    const overdue = safetyCheckOverdueAlert({
      lastSafetyCheckDay: last,
      programStartDay: start,
      today,
    });
    expect(overdue?.ruleId).toBe("safety-check-overdue@1");
    expect(overdue?.inputs.daysWithout).toBe(10);
    expect(
      safetyCheckOverdueAlert({
        lastSafetyCheckDay: addDays(today, -10),
        programStartDay: start,
        today,
      }),
    ).toBeNull();
    expect(
      safetyCheckOverdueAlert({
        lastSafetyCheckDay: null,
        programStartDay: addDays(today, -9),
        today,
      }),
    ).toBeNull();
  });
});
