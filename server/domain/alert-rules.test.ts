import { describe, expect, it } from "vitest";
import {
  ALERT_KINDS,
  ALERT_RULES,
  evaluateAlerts,
  lowAdherenceAlert,
  noCheckInAlert,
  notImprovingAlert,
  notSettledAlert,
  PAIN_WORSENING,
  painOverLimitAlert,
  painWorseningAlert,
  isCurrentRule,
  redFlagAlerts,
  redFlagPause,
  RETIRED_ALERT_RULES,
  safetyOutcome,
} from "./alert-rules";
import type { ExerciseSession, ItemSchedule, PainContext, PainReport } from "./clinical-types";
import { addDays } from "./days";

const today = "2026-04-10";
const at = (daysAgo: number) => addDays(today, -daysAgo);
const pain = (daysAgo: number, score: number, context: PainContext = "morning"): PainReport => ({
  day: at(daysAgo),
  context,
  score,
});
const log = (daysAgo: number): ExerciseSession => ({
  day: at(daysAgo),
  itemId: "a",
  sessionsDone: 1,
  setsDone: null,
  repsDone: null,
  skipped: false,
});
const everyDay: ItemSchedule = {
  itemId: "a",
  sessionsPerDay: 1,
  daysPerWeek: 7,
  sets: 2,
  reps: 10,
  fromDay: "2026-01-01",
  toDay: null,
};

describe("alert rules table", () => {
  it("has every kind of CLINICAL.md with its severity and current versioned id", () => {
    expect(
      ALERT_KINDS.map((k) => [ALERT_RULES[k].ruleId, ALERT_RULES[k].severity, ALERT_RULES[k].kind]),
    ).toEqual([
      ["red-flag-emergency@2", "critical", "red-flag-emergency"],
      ["red-flag-urgent@2", "high", "red-flag-urgent"],
      ["pain-high@1", "high", "pain-high"],
      ["pain-worsening@1", "high", "pain-worsening"],
      ["pain-over-limit@1", "medium", "pain-over-limit"],
      ["not-settled@2", "medium", "not-settled"],
      ["low-adherence@1", "low", "low-adherence"],
      ["no-check-in@1", "low", "no-check-in"],
      ["safety-check-overdue@1", "low", "safety-check-overdue"],
      ["not-improving@2", "low", "not-improving"],
    ]);
    expect(PAIN_WORSENING.ruleVersion).toBe(1);
  });

  it("keeps the retired versions readable and tells them from the current ones", () => {
    expect(RETIRED_ALERT_RULES.map((r) => r.ruleId)).toEqual([
      "red-flag-emergency@1",
      "red-flag-urgent@1",
      "not-settled@1",
      "not-improving@1",
    ]);
    expect(isCurrentRule("not-settled@1")).toBe(false);
    expect(isCurrentRule("not-settled@2")).toBe(true);
  });
});

describe("red flags", () => {
  it("example 9: E2 yes with pain 2 → red-flag-emergency, emergency advice, nothing else", () => {
    const answers = [
      { questionId: "E2", answer: true },
      { questionId: "U1", answer: false },
    ];
    expect(redFlagAlerts(answers)).toEqual([
      {
        kind: "red-flag-emergency",
        severity: "critical",
        ruleId: "red-flag-emergency@2",
        ruleVersion: 2,
        inputs: { questionIds: ["E2"], questionSet: 2 },
      },
    ]);
    expect(safetyOutcome(answers)).toEqual({
      level: "emergency",
      patientAdvice: "call-emergency-now",
      opensPause: true,
    });
    // The pause that follows keeps every other rule quiet, pain 8 during included.
    const pause = redFlagPause([{ level: "emergency", day: today }], today);
    expect(
      evaluateAlerts({
        today,
        program: { versions: [{ number: 1, painLimit: 5, fromDay: at(40) }], items: [everyDay] },
        reports: [pain(0, 2), pain(0, 8, "during")],
        sessions: [],
        lastCheckInDay: at(20),
        lastSafetyCheckDay: today,
        pause,
      }),
    ).toEqual([]);
  });

  it("raises one alert per level with a yes, each holding its own question ids", () => {
    const alerts = redFlagAlerts([
      { questionId: "U2", answer: true },
      { questionId: "E6", answer: true },
      { questionId: "E1", answer: true },
      { questionId: "X9", answer: true },
    ]);
    expect(alerts.map((a) => [a.ruleId, a.severity, a.inputs])).toEqual([
      ["red-flag-emergency@2", "critical", { questionIds: ["E1", "E6"], questionSet: 2 }],
      ["red-flag-urgent@2", "high", { questionIds: ["U2"], questionSet: 2 }],
    ]);
  });

  it("raises red-flag-urgent alone for U questions, and tells the patient to stop and call", () => {
    const answers = [{ questionId: "U6", answer: true }];
    expect(redFlagAlerts(answers).map((a) => a.ruleId)).toEqual(["red-flag-urgent@2"]);
    expect(safetyOutcome(answers).patientAdvice).toBe("stop-and-contact-clinic-today");
  });

  it("raises nothing and opens no pause when every answer is no", () => {
    const answers = [{ questionId: "E1", answer: false }];
    expect(redFlagAlerts(answers)).toEqual([]);
    expect(safetyOutcome(answers)).toEqual({
      level: null,
      patientAdvice: null,
      opensPause: false,
    });
  });
});

describe("red-flag pause", () => {
  it("lasts 7 days from the latest yes and ends on the 8th day", () => {
    expect(redFlagPause([{ level: "urgent", day: at(6) }], today)).toEqual({
      level: "urgent",
      since: at(6),
      endsOn: addDays(at(6), 7),
    });
    expect(redFlagPause([{ level: "urgent", day: at(7) }], today)).toBeNull();
  });

  it("takes the most serious level still pausing and the latest yes", () => {
    expect(
      redFlagPause(
        [
          { level: "emergency", day: at(5) },
          { level: "urgent", day: at(1) },
          { level: "emergency", day: at(30) },
        ],
        today,
      ),
    ).toEqual({ level: "emergency", since: at(1), endsOn: addDays(at(1), 7) });
  });

  it("has no pause without an unresolved red flag", () => {
    expect(redFlagPause([], today)).toBeNull();
  });
});

describe("pain-worsening", () => {
  const start = at(40);
  const baseline = [37, 38, 39].map((d) => pain(d, 1));

  it("example 4: morning [3, 3, 4, 3] with 3 days unreported, baseline 1.0 → fires", () => {
    const reports = [...baseline, pain(6, 3), pain(4, 3), pain(2, 4), pain(0, 3)];
    const alert = painWorseningAlert({ reports, programStartDay: start, today });
    expect(alert?.ruleId).toBe("pain-worsening@1");
    expect(alert?.inputs).toEqual({
      baseline: 1,
      mean7: 3.25,
      reports7: 4,
      from: at(6),
      to: today,
    });
  });

  it("does not fire below baseline + 2", () => {
    const reports = [...baseline, pain(3, 3), pain(2, 3), pain(1, 2), pain(0, 3)];
    expect(painWorseningAlert({ reports, programStartDay: start, today })).toBeNull();
  });

  it("fires at exactly baseline + 2 despite floating-point noise", () => {
    const reports = [pain(39, 2), pain(38, 2), pain(37, 1), pain(2, 4), pain(1, 4), pain(0, 3)];
    expect(painWorseningAlert({ reports, programStartDay: start, today })).not.toBeNull();
  });

  it("needs 3 reports in the last 7 days and a baseline", () => {
    const twoRecent = [...baseline, pain(1, 9), pain(0, 9)];
    expect(painWorseningAlert({ reports: twoRecent, programStartDay: start, today })).toBeNull();
    const noBaseline = [pain(2, 9), pain(1, 9), pain(0, 9)];
    expect(painWorseningAlert({ reports: noBaseline, programStartDay: start, today })).toBeNull();
  });
});

describe("pain-over-limit", () => {
  const versions = [
    { number: 1, painLimit: 5, fromDay: at(30) },
    { number: 2, painLimit: 2, fromDay: at(3) },
  ];

  it("fires on a during report above the limit of the version in force that day", () => {
    const reports = [pain(5, 6, "during"), pain(4, 4, "during"), pain(2, 3, "during")];
    const alert = painOverLimitAlert({ reports, versions, today });
    expect(alert?.severity).toBe("medium");
    expect(alert?.inputs).toEqual({
      day: at(2),
      score: 3,
      painLimit: 2,
      versionNumber: 2,
      reportsOverLimit7: 2,
    });
  });

  it("ignores reports at the limit, older than 7 days, before the program or of other contexts", () => {
    const reports = [
      pain(4, 5, "during"),
      pain(7, 9, "during"),
      pain(1, 9, "after"),
      pain(0, 9, "next_morning"),
    ];
    expect(painOverLimitAlert({ reports, versions, today })).toBeNull();
    const early = [{ number: 1, painLimit: 5, fromDay: today }];
    expect(
      painOverLimitAlert({ reports: [pain(1, 9, "during")], versions: early, today }),
    ).toBeNull();
  });
});

describe("not-settled", () => {
  const start = at(30);
  const usualTwo = [8, 7, 6].map((d) => pain(d, 2));

  it("fires on a next-morning report above usual pain b", () => {
    const reports = [...usualTwo, pain(2, 2, "next_morning"), pain(1, 4, "next_morning")];
    const alert = notSettledAlert({ reports, programStartDay: start, today });
    expect(alert?.inputs).toEqual({ day: at(1), score: 4, usual: 2, reportsNotSettled7: 1 });
  });

  it("example 8: with only 2 morning reports in the week before, b is undefined and it cannot fire", () => {
    const reports = [pain(6, 2), pain(5, 2), pain(1, 9, "next_morning")];
    expect(notSettledAlert({ reports, programStartDay: start, today })).toBeNull();
  });

  it("ignores reports at b, older than 7 days, or about the day before the program", () => {
    const reports = [...usualTwo, pain(1, 2, "next_morning"), pain(7, 9, "next_morning")];
    expect(notSettledAlert({ reports, programStartDay: start, today })).toBeNull();
    const fromToday = [...usualTwo, pain(0, 9, "next_morning")];
    expect(notSettledAlert({ reports: fromToday, programStartDay: today, today })).toBeNull();
  });
});

describe("low-adherence", () => {
  it("fires when A(7) < 0.50 after 7 days on the program", () => {
    const alert = lowAdherenceAlert({
      items: [everyDay],
      sessions: [log(1), log(2), log(3)],
      programStartDay: at(7),
      today,
    });
    expect(alert?.inputs).toEqual({
      adherence7: 3 / 7,
      done: 3,
      expected: 7,
      from: at(7),
      to: at(1),
      daysOnProgram: 7,
    });
  });

  it("waits 7 full days, and does not fire at 0.50 or without any expected session", () => {
    const base = { items: [everyDay], sessions: [], today };
    expect(lowAdherenceAlert({ ...base, programStartDay: at(6) })).toBeNull();
    const half = { ...everyDay, daysPerWeek: 2 };
    expect(
      lowAdherenceAlert({ ...base, items: [half], sessions: [log(1)], programStartDay: at(7) }),
    ).toBeNull();
    expect(lowAdherenceAlert({ ...base, items: [], programStartDay: at(7) })).toBeNull();
  });
});

describe("no-check-in", () => {
  it("fires after 7 full days without a check-in", () => {
    const alert = noCheckInAlert({ lastCheckInDay: at(8), programStartDay: at(30), today });
    expect(alert?.inputs).toEqual({
      lastCheckInDay: at(8),
      programStartDay: at(30),
      silentDays: 7,
    });
    expect(noCheckInAlert({ lastCheckInDay: at(7), programStartDay: at(30), today })).toBeNull();
    expect(noCheckInAlert({ lastCheckInDay: today, programStartDay: at(30), today })).toBeNull();
  });

  it("counts from the program's first day when there is no check-in on this program", () => {
    expect(noCheckInAlert({ lastCheckInDay: null, programStartDay: at(7), today })).not.toBeNull();
    expect(noCheckInAlert({ lastCheckInDay: null, programStartDay: at(6), today })).toBeNull();
    expect(noCheckInAlert({ lastCheckInDay: at(60), programStartDay: at(6), today })).toBeNull();
  });
});

describe("not-improving", () => {
  const start = at(28);
  const baseline = [28, 27, 26].map((d) => pain(d, 5));

  it("fires after 28 days when morning pain is not 2 points below the baseline", () => {
    const reports = [...baseline, pain(2, 4), pain(1, 4), pain(0, 4)];
    const alert = notImprovingAlert({ reports, programStartDay: start, today });
    expect(alert?.inputs).toEqual({ baseline: 5, mean7: 4, reports7: 3, daysOnProgram: 28 });
  });

  it("does not fire once improved by 2, before 28 days, or without both means", () => {
    const improved = [...baseline, pain(2, 3), pain(1, 3), pain(0, 3)];
    expect(notImprovingAlert({ reports: improved, programStartDay: start, today })).toBeNull();
    const same = [...baseline, pain(2, 5), pain(1, 5), pain(0, 5)];
    expect(notImprovingAlert({ reports: same, programStartDay: at(27), today })).toBeNull();
    expect(notImprovingAlert({ reports: baseline, programStartDay: start, today })).toBeNull();
    const noBaseline = [pain(2, 5), pain(1, 5), pain(0, 5)];
    expect(notImprovingAlert({ reports: noBaseline, programStartDay: start, today })).toBeNull();
  });
});

describe("evaluateAlerts", () => {
  const versions = [{ number: 1, painLimit: 5, fromDay: at(30) }];
  const quiet = { lastSafetyCheckDay: at(2), pause: null };

  it("runs every rule and returns those that fired, in table order", () => {
    const alerts = evaluateAlerts({
      today,
      program: { versions, items: [everyDay] },
      reports: [
        ...[30, 29, 28].map((d) => pain(d, 4)),
        ...[3, 2, 1].map((d) => pain(d, 8)),
        pain(10, 7, "during"),
        pain(1, 6, "during"),
        pain(0, 10, "next_morning"),
      ],
      sessions: [log(9)],
      lastCheckInDay: at(1),
      lastSafetyCheckDay: null,
      pause: null,
    });
    expect(alerts.map((a) => a.kind)).toEqual([
      "pain-high",
      "pain-worsening",
      "pain-over-limit",
      "not-settled",
      "low-adherence",
      "safety-check-overdue",
      "not-improving",
    ]);
  });

  it("fires nothing without an active program", () => {
    const base = {
      today,
      reports: [pain(0, 9, "during")],
      sessions: [],
      lastCheckInDay: null,
      ...quiet,
    };
    expect(evaluateAlerts({ ...base, program: null })).toEqual([]);
    expect(evaluateAlerts({ ...base, program: { versions: [], items: [] } })).toEqual([]);
  });

  it("returns nothing when every rule is quiet", () => {
    expect(
      evaluateAlerts({
        today,
        program: { versions, items: [everyDay] },
        reports: [],
        sessions: [1, 2, 3, 4, 5, 6, 7].map(log),
        lastCheckInDay: at(1),
        ...quiet,
      }),
    ).toEqual([]);
  });

  it("returns nothing during the red-flag pause, however much fires", () => {
    expect(
      evaluateAlerts({
        today,
        program: { versions, items: [everyDay] },
        reports: [pain(0, 9, "during"), ...[0, 1, 2].map((d) => pain(d, 9))],
        sessions: [],
        lastCheckInDay: at(20),
        lastSafetyCheckDay: null,
        pause: { level: "urgent", since: at(1), endsOn: addDays(at(1), 7) },
      }),
    ).toEqual([]);
  });
});
