import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { insertCheckIn, insertPatient, insertProgramVersion, sharedExercise } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { addDays } from "@/server/domain/days";
import { staffCaller } from "@/server/testing/callers";
import { codeOf } from "@/server/testing/errors";
import { buildTwoClinics } from "@/server/testing/world";

let t: TestDb;
afterAll(() => t.cleanup());
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-22T12:00:00Z"));
});
afterEach(() => vi.useRealTimers());

/**
 * By hand, today 22 Nov (London). v1 from 1 Nov (limit 5, one daily item), v2 from 15 Nov
 * (limit 3, same dose). Morning pain every day 1–14 Nov: 4,4,4,5,5,5,5 then 3s (baseline 32/7).
 * During pain: 3 Nov 6, 16 Nov 2 and 5 (two sessions: the chart keeps 5). Exercise logged on
 * 15–21 Nov except 18 Nov (6 of 7), skipped 18 Nov as too painful. 22 Nov: a morning 2.
 */
let w: Awaited<ReturnType<typeof buildTwoClinics>>;
let patientId: string;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
  const patient = await insertPatient(t.db, {
    clinicId: w.clinicA.id,
    primaryClinicianId: w.clinicianA.id,
    displayName: "Chart Patient",
    timeZone: "Europe/London",
  });
  patientId = patient.id;
  const ids = { clinicId: w.clinicA.id, patientId };
  const squat = (await sharedExercise(t.db, "wall-squat")).id;
  const v1 = await insertProgramVersion(t.db, {
    ...ids,
    authorId: w.clinicianA.id,
    effectiveFrom: new Date("2026-11-01T09:00:00Z"),
    painLimit: 5,
    items: [{ exerciseId: squat, sets: 2, reps: 10 }],
  });
  const v2 = await insertProgramVersion(t.db, {
    ...ids,
    authorId: w.clinicianA.id,
    reason: "regress",
    effectiveFrom: new Date("2026-11-15T09:00:00Z"),
    painLimit: 3,
    items: [{ exerciseId: squat, sets: 2, reps: 8 }],
  });
  const morning = [4, 4, 4, 5, 5, 5, 5, 3, 3, 3, 3, 3, 3, 3];
  for (const [i, score] of morning.entries()) {
    const day = addDays("2026-11-01", i);
    await insertCheckIn(t.db, {
      ...ids,
      versionId: v1.version.id,
      day,
      kind: "morning",
      submittedAt: new Date(`${day}T08:00:00Z`),
      pain: [{ context: "morning", score }],
    });
  }
  const during = (day: string, score: number, versionId: string, hour: number) =>
    insertCheckIn(t.db, {
      ...ids,
      versionId,
      day,
      kind: "exercise",
      submittedAt: new Date(`${day}T${hour}:00:00Z`),
      note: day === "2026-11-03" ? "=SUM(A1) sore after stairs" : null,
      pain: [{ context: "during", score }],
    });
  await during("2026-11-03", 6, v1.version.id, 18);
  await during("2026-11-16", 2, v2.version.id, 17);
  await during("2026-11-16", 5, v2.version.id, 19);
  for (let i = 0; i < 7; i++) {
    const day = addDays("2026-11-15", i);
    await insertCheckIn(t.db, {
      ...ids,
      versionId: v2.version.id,
      day,
      kind: "exercise",
      submittedAt: new Date(`${day}T20:00:00Z`),
      logs: [
        day === "2026-11-18"
          ? { programItemId: v2.items[0]!.id, skippedReason: "too_painful" }
          : { programItemId: v2.items[0]!.id, setsDone: 2, repsDone: 8 },
      ],
    });
  }
  await insertCheckIn(t.db, {
    ...ids,
    versionId: v2.version.id,
    day: "2026-11-22",
    kind: "morning",
    submittedAt: new Date("2026-11-22T08:00:00Z"),
    pain: [{ context: "morning", score: 2 }],
  });
});

const api = () => staffCaller(t.db, w.clinicianA);

describe("patientCharts.charts", () => {
  it("gives one point per day and context, the worst when there were several", async () => {
    const charts = await api().patientCharts.charts({ patientId, range: "4w" });
    // Four weeks back is 26 Oct, but the program began on 1 Nov: the chart starts there.
    expect(charts.from).toBe("2026-11-01");
    expect(charts.days).toHaveLength(22);
    // 15 mornings + 3 days with during pain (two reports on 16 Nov count once).
    expect(charts.reportCount).toBe(17);
    const day = (d: string) => charts.days.find((x) => x.day === d)!;
    expect(day("2026-11-16").during).toBe(5);
    expect(day("2026-11-03")).toMatchObject({ morning: 4, during: 6, next_morning: null });
  });

  it("follows the pain limit of each day's version and marks where versions began", async () => {
    const charts = await api().patientCharts.charts({ patientId, range: "4w" });
    const limit = (d: string) => charts.days.find((x) => x.day === d)!.limit;
    expect(limit("2026-11-14")).toBe(5);
    expect(limit("2026-11-15")).toBe(3);
    expect(charts.versions.map((v) => [v.number, v.reason, v.fromDay])).toEqual([
      [1, "initial", "2026-11-01"],
      [2, "regress", "2026-11-15"],
    ]);
  });

  it("draws the baseline from the first week's mornings", async () => {
    const charts = await api().patientCharts.charts({ patientId, range: "12w" });
    expect(charts.baseline).toBeCloseTo(32 / 7);
  });

  it("counts adherence per week ending yesterday, with no week before the program", async () => {
    const charts = await api().patientCharts.charts({ patientId, range: "all" });
    expect(charts.from).toBe("2026-11-01");
    expect(charts.weeks.map((w) => [w.from, w.to, w.done, w.expected])).toEqual([
      ["2026-11-01", "2026-11-07", 0, 7],
      ["2026-11-08", "2026-11-14", 0, 7],
      ["2026-11-15", "2026-11-21", 6, 7],
    ]);
    const last = charts.weeks.at(-1)!;
    expect(last).toMatchObject({ from: "2026-11-15", to: "2026-11-21", done: 6, expected: 7 });
    expect(last.adherence).toBeCloseTo(6 / 7);
  });

  it("cuts to the range", async () => {
    const fourWeeks = await api().patientCharts.charts({ patientId, range: "4w" });
    const twoWeeksLater = new Date("2026-12-06T12:00:00Z");
    vi.setSystemTime(twoWeeksLater);
    const later = await api().patientCharts.charts({ patientId, range: "4w" });
    expect(later.from).toBe("2026-11-09");
    expect(later.days).toHaveLength(28);
    // 9–14 Nov mornings (6), 16 Nov during, 22 Nov morning.
    expect(later.reportCount).toBe(8);
    const all = await api().patientCharts.charts({ patientId, range: "all" });
    expect(all.from).toBe("2026-11-01");
    expect(all.reportCount).toBe(fourWeeks.reportCount);
  });
});

describe("patientCharts.checkInLog and exportRows", () => {
  it("reads each safety check's yes answers in the question set the patient was shown", async () => {
    const other = await insertPatient(t.db, {
      clinicId: w.clinicA.id,
      primaryClinicianId: w.clinicianA.id,
    });
    const base = {
      clinicId: w.clinicA.id,
      patientId: other.id,
      versionId: null,
      kind: "safety" as const,
    };
    await insertCheckIn(t.db, {
      ...base,
      day: "2026-11-02",
      submittedAt: new Date("2026-11-02T09:00:00Z"),
      questionSet: 1,
      redFlags: [{ questionId: "E5", answer: true }],
    });
    await insertCheckIn(t.db, {
      ...base,
      day: "2026-11-09",
      submittedAt: new Date("2026-11-09T09:00:00Z"),
      redFlags: [{ questionId: "E5", answer: true }],
    });
    const rows = (await api().patientCharts.checkInLog({ patientId: other.id, pageSize: 10 })).rows;
    const [set2, set1] = rows.map((r) => r.redFlagsYesQuestions[0]!);
    expect(set1).toMatchObject({ id: "E5", set: 1 });
    expect(set1!.text).toMatch(/fall or injury/);
    expect(set2).toMatchObject({ id: "E5", set: 2 });
    expect(set2!.text).toMatch(/injection/);
  });

  it("keeps each check-in's pain and sessions to itself when a day runs across two pages", async () => {
    // Pages of 7: the first ends with 16 Nov's exercise check-in, the second starts with that
    // day's two exercise-pain check-ins, so each page's reads cover a day shared with the other.
    const first = await api().patientCharts.checkInLog({ patientId, pageSize: 7 });
    const second = await api().patientCharts.checkInLog({ patientId, pageSize: 7, page: 2 });
    const onFirst = first.rows.at(-1)!;
    expect(onFirst).toMatchObject({ day: "2026-11-16", kind: "exercise", pain: [] });
    expect(onFirst.logs).toHaveLength(1);
    const shared = second.rows.filter((r) => r.day === "2026-11-16");
    expect(shared.map((r) => [r.kind, r.pain, r.logs])).toEqual([
      ["exercise", [{ context: "during", score: 5 }], []],
      ["exercise", [{ context: "during", score: 2 }], []],
    ]);
  });

  it("lists check-ins newest first with pain, sessions, skips and notes, a page at a time", async () => {
    const first = await api().patientCharts.checkInLog({ patientId, pageSize: 5 });
    expect(first.total).toBe(14 + 3 + 7 + 1);
    expect(first.rows[0]).toMatchObject({ day: "2026-11-22", kind: "morning", versionNumber: 2 });
    expect(first.rows[0]!.pain).toEqual([{ context: "morning", score: 2 }]);
    const skipped = (await api().patientCharts.checkInLog({ patientId, pageSize: 100 })).rows.find(
      (r) => r.logs[0]?.skippedReason,
    );
    expect(skipped).toMatchObject({ day: "2026-11-18" });
    expect(skipped!.logs[0]).toMatchObject({
      exercise: "Wall squat",
      skippedReason: "too_painful",
    });
    const last = await api().patientCharts.checkInLog({ patientId, pageSize: 5, page: 5 });
    // 25 check-ins in pages of 5: the fifth page ends with the first morning.
    expect(last.rows.map((r) => r.day)).toEqual([
      "2026-11-04",
      "2026-11-03",
      "2026-11-03",
      "2026-11-02",
      "2026-11-01",
    ]);
    expect(
      (await api().patientCharts.checkInLog({ patientId, pageSize: 5, page: 6 })).rows,
    ).toEqual([]);
  });

  it("exports one row per pain report and per logged session, with its version", async () => {
    const rows = await api().patientCharts.exportRows({ patientId });
    expect(rows.filter((r) => r.row === "pain")).toHaveLength(15 + 3);
    expect(rows.filter((r) => r.row === "session")).toHaveLength(7);
    expect(rows[0]).toMatchObject({
      day: "2026-11-01",
      row: "pain",
      context: "morning",
      score: 4,
      versionNumber: 1,
    });
    expect(rows.find((r) => r.skippedReason)).toMatchObject({
      day: "2026-11-18",
      versionNumber: 2,
    });
    expect(rows.find((r) => r.note)?.note).toBe("=SUM(A1) sore after stairs");
  });
});

describe("access", () => {
  it("treats another clinic's patient exactly like one that does not exist", async () => {
    for (const id of [w.patientB.id, randomUUID()]) {
      expect(await codeOf(api().patientCharts.charts({ patientId: id, range: "12w" }))).toBe(
        "NOT_FOUND",
      );
      expect(await codeOf(api().patientCharts.checkInLog({ patientId: id }))).toBe("NOT_FOUND");
      expect(await codeOf(api().patientCharts.exportRows({ patientId: id }))).toBe("NOT_FOUND");
    }
  });
});
