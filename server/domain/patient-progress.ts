/**
 * The patient's own progress page: their week and their pain over the weeks, in plain numbers,
 * with encouragement. Never a word about changing the dose (CLINICAL.md: that is the clinician's).
 */
import { weekStart } from "./check-in-schedule";
import { addDays, daysBetween, type Day } from "./days";

export interface PainPoint {
  day: Day;
  context: string;
  score: number;
}

export interface WeekSummary {
  weekStart: Day;
  morningMean: number | null;
  duringMean: number | null;
  sessionsDone: number;
}

export interface DailyPain {
  day: Day;
  /** The morning answer of the day. */
  morning: number | null;
  /** The worst exercise pain of the day. */
  during: number | null;
}

const mean = (xs: number[]) =>
  xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;

/** One row per day from `from` to `to`, inclusive. */
export function dailyPain(options: {
  from: Day;
  to: Day;
  pain: readonly PainPoint[];
}): DailyPain[] {
  const days = daysBetween(options.from, options.to) + 1;
  return Array.from({ length: Math.max(0, days) }, (_, i) => {
    const day = addDays(options.from, i);
    const mine = options.pain.filter((p) => p.day === day);
    const morning = mine.filter((p) => p.context === "morning").at(-1)?.score ?? null;
    const during = mine.filter((p) => p.context === "during").map((p) => p.score);
    return { day, morning, during: during.length ? Math.max(...during) : null };
  });
}

/** Weekly means (ISO weeks) of the daily values, oldest first. */
export function weeklySummaries(options: {
  days: readonly DailyPain[];
  sessions: readonly { day: Day; sessionsDone: number }[];
}): WeekSummary[] {
  const weeks = new Map<Day, WeekSummary & { m: number[]; d: number[] }>();
  for (const d of options.days) {
    const start = weekStart(d.day);
    const w = weeks.get(start) ?? {
      weekStart: start,
      morningMean: null,
      duringMean: null,
      sessionsDone: 0,
      m: [],
      d: [],
    };
    if (d.morning !== null) w.m.push(d.morning);
    if (d.during !== null) w.d.push(d.during);
    weeks.set(start, w);
  }
  // Only sessions on the days shown: the first week of a program counts from its first day.
  const shown = new Set(options.days.map((d) => d.day));
  for (const s of options.sessions) {
    const w = weeks.get(weekStart(s.day));
    if (w && shown.has(s.day)) w.sessionsDone += s.sessionsDone;
  }
  return [...weeks.values()]
    .sort((a, b) => a.weekStart.localeCompare(b.weekStart))
    .map(({ m, d, ...w }) => ({ ...w, morningMean: mean(m), duringMean: mean(d) }));
}

/**
 * The days of the week holding `today` that count on the progress page: from Monday, or from the
 * program's first day when it started this week, to Sunday. A program that starts on a Thursday
 * asks for four days' sessions in its first week, never seven.
 */
export function countedWeek(options: { today: Day; programStart: Day | null }): {
  from: Day;
  to: Day;
  days: number;
} {
  const monday = weekStart(options.today);
  const to = addDays(monday, 6);
  const start = options.programStart;
  const from = start !== null && start > monday && start <= options.today ? start : monday;
  return { from, to, days: daysBetween(from, to) + 1 };
}

/**
 * Sessions done this week of those asked, counting each exercise at most up to its target. The
 * target of an item is its sessions a day times its days a week, or times the days left in the
 * week when the program started part-way through it. `sessions` are this week's, from `from`.
 */
export function weekSessions(options: {
  items: readonly { key: string; sessionsPerDay: number; daysPerWeek: number }[];
  sessions: readonly { key: string; sessionsDone: number }[];
  /** Days of the week that count (7 unless the program started this week). */
  days?: number;
}): { done: number; asked: number } {
  const days = options.days ?? 7;
  let done = 0;
  let asked = 0;
  for (const item of options.items) {
    const target = item.sessionsPerDay * Math.min(item.daysPerWeek, days);
    const mine = options.sessions
      .filter((s) => s.key === item.key)
      .reduce((n, s) => n + s.sessionsDone, 0);
    asked += target;
    done += Math.min(mine, target);
  }
  return { done, asked };
}

/**
 * The first day the patient's chart shows: the program's first day, or the start of the weeks
 * shown when the program is older. Days before the program are not the patient's plan, so the
 * chart never opens on a row of empty days.
 */
export function chartStart(options: {
  today: Day;
  programStart: Day | null;
  weeksShown: number;
}): Day {
  const earliest = addDays(weekStart(options.today), -7 * (options.weeksShown - 1));
  const start = options.programStart;
  if (start === null || start < earliest) return earliest;
  return start > options.today ? options.today : start;
}

/** A kind sentence about the effort made; it never suggests doing more or less. */
export function encouragement(options: {
  week: { done: number; asked: number };
  weeks: readonly WeekSummary[];
}): string {
  const { done, asked } = options.week;
  const firstMorning = options.weeks.find((w) => w.morningMean !== null)?.morningMean ?? null;
  const lastMorning = options.weeks.findLast((w) => w.morningMean !== null)?.morningMean ?? null;
  if (asked > 0 && done >= asked) {
    return "You have done every session your plan asks this week. That is real commitment — well done.";
  }
  if (firstMorning !== null && lastMorning !== null && firstMorning - lastMorning >= 1) {
    return "Your morning pain is lower than when you started. Keep it up — your effort is paying off.";
  }
  if (done > 0) {
    return "Every session counts. You are building strength one day at a time — keep going.";
  }
  return "A new day is a fresh start. Your exercises are waiting whenever you are ready.";
}
