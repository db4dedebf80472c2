import { describe, expect, it } from "vitest";
import {
  calendarDays,
  decideNotice,
  EVERY_DAY,
  instantOf,
  isAllowedReminderTime,
  isQuietTime,
  localClock,
  maskOfWeekdays,
  minutesOf,
  silentDays,
  stillTimely,
  weekdayOf,
  weekdaysOfMask,
  type PatientFacts,
  type ReminderSettingsFacts,
} from "./reminders";

const ON: ReminderSettingsFacts = { remindersOn: true, remindAt: "18:00", weekdays: EVERY_DAY };
const ACTIVE: PatientFacts = {
  active: true,
  linkWorks: true,
  hasProgram: true,
  lastCheckInDay: "2026-11-29",
  programStartDay: "2026-11-01",
};
const NOTHING_SENT = { reminderToday: false, nudgeThisStretch: false };

function decide(
  now: string,
  overrides: {
    timeZone?: string;
    settings?: Partial<ReminderSettingsFacts>;
    patient?: Partial<PatientFacts>;
    dayDone?: boolean;
    sent?: Partial<typeof NOTHING_SENT>;
  } = {},
) {
  return decideNotice({
    now: new Date(now),
    timeZone: overrides.timeZone ?? "Europe/London",
    settings: { ...ON, ...overrides.settings },
    patient: { ...ACTIVE, ...overrides.patient },
    dayDone: overrides.dayDone ?? false,
    sent: { ...NOTHING_SENT, ...overrides.sent },
  });
}

describe("times and days", () => {
  it("reads HH:MM and refuses anything else", () => {
    expect(minutesOf("07:30")).toBe(450);
    expect(minutesOf("23:59")).toBe(1439);
    for (const bad of ["7:30", "24:00", "12:60", "", "noon"]) expect(minutesOf(bad)).toBeNaN();
  });

  it("lets a patient choose 07:00 to 21:00 only", () => {
    expect(isAllowedReminderTime("07:00")).toBe(true);
    expect(isAllowedReminderTime("21:00")).toBe(true);
    expect(isAllowedReminderTime("06:59")).toBe(false);
    expect(isAllowedReminderTime("21:01")).toBe(false);
    expect(isAllowedReminderTime("25:00")).toBe(false);
  });

  it("keeps quiet from 21:30 to 07:00", () => {
    expect(isQuietTime(minutesOf("21:29"))).toBe(false);
    expect(isQuietTime(minutesOf("21:30"))).toBe(true);
    expect(isQuietTime(minutesOf("03:00"))).toBe(true);
    expect(isQuietTime(minutesOf("06:59"))).toBe(true);
    expect(isQuietTime(minutesOf("07:00"))).toBe(false);
  });

  it("numbers weekdays from Monday and keeps them in a mask", () => {
    expect(weekdayOf("2026-11-30")).toBe(0); // a Monday
    expect(weekdayOf("2026-12-06")).toBe(6);
    expect(maskOfWeekdays([0, 2, 4])).toBe(0b10101);
    expect(weekdaysOfMask(0b10101)).toEqual([0, 2, 4]);
    expect(weekdaysOfMask(EVERY_DAY)).toHaveLength(7);
  });

  it("reads the patient's own clock on both sides of the date line", () => {
    expect(localClock(new Date("2026-03-04T07:30:00Z"), "America/Los_Angeles")).toEqual({
      day: "2026-03-03",
      minutes: 23 * 60 + 30,
    });
    expect(localClock(new Date("2026-03-03T11:30:00Z"), "Pacific/Auckland")).toEqual({
      day: "2026-03-04",
      minutes: 30,
    });
  });
});

describe("the daily reminder", () => {
  it("is due once the patient's clock passes the chosen time, and not before", () => {
    expect(decide("2026-11-30T17:59:00Z")).toMatchObject({ notice: null, reason: "not-yet" });
    expect(decide("2026-11-30T18:00:00Z")).toEqual({
      notice: "reminder",
      day: "2026-11-30",
      sourceId: "2026-11-30",
    });
  });

  it("follows the patient's zone across daylight saving time, in both directions", () => {
    const ny = { timeZone: "America/New_York", settings: { remindAt: "08:00" } };
    // EST (UTC-5) on 7 March 2026; EDT (UTC-4) from 8 March.
    expect(decide("2026-03-07T12:59:00Z", ny)).toMatchObject({ reason: "not-yet" });
    expect(decide("2026-03-07T13:00:00Z", ny)).toMatchObject({ notice: "reminder" });
    expect(decide("2026-03-08T11:59:00Z", ny)).toMatchObject({ reason: "not-yet" });
    expect(decide("2026-03-08T12:00:00Z", ny)).toMatchObject({
      notice: "reminder",
      day: "2026-03-08",
    });
    // Back to EST on 1 November 2026.
    expect(decide("2026-11-01T12:30:00Z", ny)).toMatchObject({ reason: "not-yet" });
    expect(decide("2026-11-01T13:00:00Z", ny)).toMatchObject({ notice: "reminder" });
  });

  it("belongs to the patient's day, not the server's (far zones)", () => {
    // 18:00 in Auckland on 1 December is 05:00 UTC the same day (NZDT, UTC+13).
    const auckland = { timeZone: "Pacific/Auckland" };
    expect(decide("2026-12-01T04:59:00Z", auckland)).toMatchObject({ reason: "not-yet" });
    expect(decide("2026-12-01T05:00:00Z", auckland)).toMatchObject({
      notice: "reminder",
      day: "2026-12-01",
    });
  });

  it("is sent late after an outage only within the same day, never in quiet hours", () => {
    // The server was down from 17:00 to 20:45: the 18:00 reminder still goes at 20:45.
    expect(decide("2026-11-30T20:45:00Z")).toMatchObject({ notice: "reminder" });
    // Back at 22:00: quiet hours, nothing.
    expect(decide("2026-11-30T22:00:00Z")).toMatchObject({ reason: "quiet-hours" });
    // Back the next morning before the time: yesterday's is gone, today's not yet due.
    expect(decide("2026-12-01T09:00:00Z")).toMatchObject({
      notice: null,
      day: "2026-12-01",
      reason: "not-yet",
    });
  });

  it("is sent on the chosen weekdays only", () => {
    const mondays = { settings: { weekdays: maskOfWeekdays([0]) } };
    expect(decide("2026-11-30T19:00:00Z", mondays)).toMatchObject({ notice: "reminder" });
    expect(decide("2026-12-01T19:00:00Z", mondays)).toMatchObject({
      reason: "not-a-reminder-day",
    });
  });

  it("is not sent on a day already done", () => {
    expect(decide("2026-11-30T19:00:00Z", { dayDone: true })).toMatchObject({
      reason: "day-done",
    });
  });

  it("is not sent when off, after discharge, without a working link or a program", () => {
    expect(decide("2026-11-30T19:00:00Z", { settings: { remindersOn: false } })).toMatchObject({
      reason: "off",
    });
    expect(decide("2026-11-30T19:00:00Z", { patient: { active: false } })).toMatchObject({
      reason: "discharged",
    });
    expect(decide("2026-11-30T19:00:00Z", { patient: { linkWorks: false } })).toMatchObject({
      reason: "no-link",
    });
    expect(decide("2026-11-30T19:00:00Z", { patient: { hasProgram: false } })).toMatchObject({
      reason: "no-program",
    });
  });

  it("is sent once a day", () => {
    expect(decide("2026-11-30T19:00:00Z", { sent: { reminderToday: true } })).toMatchObject({
      reason: "already-sent",
    });
  });
});

describe("the nudge after 3 silent days", () => {
  it("counts full days without a check-in before today", () => {
    expect(silentDays("2026-11-30", "2026-11-29", null)).toBe(0);
    expect(silentDays("2026-11-30", "2026-11-26", null)).toBe(3);
    expect(silentDays("2026-11-30", null, "2026-11-27")).toBe(3);
    expect(silentDays("2026-11-30", null, null)).toBeNull();
  });

  it("comes after 3 silent days, before the clinician's 7-day alert, in place of the reminder", () => {
    expect(decide("2026-11-30T19:00:00Z", { patient: { lastCheckInDay: "2026-11-27" } })).toEqual(
      expect.objectContaining({ notice: "reminder" }),
    );
    expect(decide("2026-11-30T19:00:00Z", { patient: { lastCheckInDay: "2026-11-26" } })).toEqual({
      notice: "nudge",
      day: "2026-11-30",
      sourceId: "after:2026-11-26",
    });
    // At 7 silent days the clinician has been told: back to the plain reminder.
    expect(
      decide("2026-11-30T19:00:00Z", { patient: { lastCheckInDay: "2026-11-22" } }),
    ).toMatchObject({ notice: "reminder" });
  });

  it("is sent once per silent stretch, and counts from the program's start when never checked in", () => {
    const silent = { patient: { lastCheckInDay: "2026-11-25" } };
    expect(
      decide("2026-11-30T19:00:00Z", { ...silent, sent: { nudgeThisStretch: true } }),
    ).toMatchObject({ notice: "reminder" });
    expect(
      decide("2026-11-30T19:00:00Z", {
        patient: { lastCheckInDay: null, programStartDay: "2026-11-26" },
      }),
    ).toMatchObject({ notice: "nudge", sourceId: "start:2026-11-26" });
  });

  it("keeps the reminder's hours and days off, even on a day with no reminder", () => {
    const silent = { patient: { lastCheckInDay: "2026-11-25" } };
    expect(decide("2026-11-30T17:00:00Z", silent)).toMatchObject({ reason: "not-yet" });
    expect(decide("2026-11-30T22:00:00Z", silent)).toMatchObject({ reason: "quiet-hours" });
    expect(
      decide("2026-11-30T19:00:00Z", { ...silent, settings: { weekdays: maskOfWeekdays([3]) } }),
    ).toMatchObject({ notice: "nudge" });
    expect(
      decide("2026-11-30T19:00:00Z", { ...silent, sent: { reminderToday: true } }),
    ).toMatchObject({ reason: "already-sent" });
  });
});

describe("a queued reminder", () => {
  it("is still sent the same day, outside quiet hours, and dropped after midnight", () => {
    const zone = "America/Los_Angeles";
    expect(
      stillTimely({ now: new Date("2026-12-01T04:00:00Z"), timeZone: zone, day: "2026-11-30" }),
    ).toBe(true); // 20:00 local
    expect(
      stillTimely({ now: new Date("2026-12-01T06:00:00Z"), timeZone: zone, day: "2026-11-30" }),
    ).toBe(false); // 22:00 local: quiet
    expect(
      stillTimely({ now: new Date("2026-12-01T16:00:00Z"), timeZone: zone, day: "2026-11-30" }),
    ).toBe(false); // the next day
  });
});

describe("the calendar's days", () => {
  it("lists the chosen weekdays from the program's start", () => {
    expect(
      calendarDays({
        from: "2026-11-23",
        to: "2026-12-06",
        weekdays: maskOfWeekdays([0, 2, 4]),
        programStartDay: "2026-11-26",
      }),
    ).toEqual(["2026-11-27", "2026-11-30", "2026-12-02", "2026-12-04"]);
  });

  it("turns a wall-clock time into the right instant on both sides of a change of clocks", () => {
    expect(instantOf("2026-03-07", "08:00", "America/New_York").toISOString()).toBe(
      "2026-03-07T13:00:00.000Z",
    );
    expect(instantOf("2026-03-08", "08:00", "America/New_York").toISOString()).toBe(
      "2026-03-08T12:00:00.000Z",
    );
    expect(instantOf("2026-10-25", "18:00", "Europe/London").toISOString()).toBe(
      "2026-10-25T18:00:00.000Z",
    );
    expect(instantOf("2026-10-24", "18:00", "Europe/London").toISOString()).toBe(
      "2026-10-24T17:00:00.000Z",
    );
    expect(instantOf("2026-12-01", "18:00", "Pacific/Auckland").toISOString()).toBe(
      "2026-12-01T05:00:00.000Z",
    );
  });
});
