/** Session and dose adherence (CLINICAL.md, "Adherence"). */
import type { ItemToday } from "./check-in-schedule";
import type { ExerciseSession, ItemSchedule } from "./clinical-types";
import { addDays, type Day } from "./days";
import { isAtLeast } from "./stats";
import { daysInForce, inForceOn } from "./timeline";

/** Adherent: A(7) ≥ 0.80 (design choice within the 75–90 % of trials; a clinic setting later). */
export const ADHERENT_THRESHOLD = 0.8;

/** The N full days ending yesterday, inclusive at both ends (today is never in a window). */
export interface AdherenceWindow {
  from: Day;
  to: Day;
  days: number;
}

/** The window of A(N): the N full days ending yesterday in the patient's time zone. */
export function adherenceWindow(today: Day, days: number): AdherenceWindow {
  return { from: addDays(today, -days), to: addDays(today, -1), days };
}

/**
 * Expected sessions of an item in a window: sessions per day × days per week × d / 7, where d is
 * the number of the window's days the item was in force (CLINICAL.md, "Adherence").
 */
export function expectedSessions(item: ItemSchedule, from: Day, to: Day): number {
  return (item.sessionsPerDay * item.daysPerWeek * daysInForce(item, from, to)) / 7;
}

/**
 * What one logged session of an item earns for dose adherence: min(1, sets done × reps done /
 * (sets × reps)) (CLINICAL.md, "Adherence"). A dimension the prescription leaves empty (timed work
 * has no reps) is not measured; a dimension the patient left empty counts as prescribed.
 */
export function sessionDoseCredit(
  item: Pick<ItemSchedule, "sets" | "reps">,
  session: Pick<ExerciseSession, "setsDone" | "repsDone">,
): number {
  const sets = item.sets === null ? 1 : (session.setsDone ?? item.sets) / item.sets;
  const reps = item.reps === null ? 1 : (session.repsDone ?? item.reps) / item.reps;
  return Math.min(1, sets * reps);
}

/**
 * Sums per-session credits, counting at most `expected` sessions and the best ones first ("doing
 * extra earns no credit"); a fractional expected count takes that fraction of the next session.
 * `credits` holds each credit with the number of sessions that earned it.
 */
function cappedCredit(credits: { credit: number; sessions: number }[], expected: number): number {
  let remaining = expected;
  let total = 0;
  for (const { credit, sessions } of [...credits].sort((a, b) => b.credit - a.credit)) {
    if (remaining <= 0) break;
    const weight = Math.min(sessions, remaining);
    total += weight * credit;
    remaining -= weight;
  }
  return total;
}

/**
 * The item each session counts for: its own when that was expected on the session's day;
 * otherwise, on the day a version changes, the expected item of the same exercise in the other
 * version (CLINICAL.md, "Adherence"). Sessions of an item nobody expected that day count for none.
 */
export function attributeSessions(
  items: readonly ItemSchedule[],
  sessions: readonly ExerciseSession[],
): ExerciseSession[] {
  const byId = new Map(items.map((i) => [i.itemId, i]));
  return sessions.flatMap((s) => {
    const own = byId.get(s.itemId);
    if (!own || inForceOn(own, s.day)) return [s];
    if (own.exerciseId === undefined) return [s];
    const other = items.find(
      (i) => i.exerciseId === own.exerciseId && i.itemId !== own.itemId && inForceOn(i, s.day),
    );
    return other ? [{ ...s, itemId: other.itemId }] : [s];
  });
}

/** Logged, not skipped, sessions by the item they count for (see `attributeSessions`). */
function sessionsByItem(
  items: readonly ItemSchedule[],
  sessions: readonly ExerciseSession[],
): Map<string, ExerciseSession[]> {
  const byItem = new Map<string, ExerciseSession[]>();
  for (const s of attributeSessions(items, sessions)) {
    if (s.skipped || s.sessionsDone <= 0) continue;
    const list = byItem.get(s.itemId);
    if (list) list.push(s);
    else byItem.set(s.itemId, [s]);
  }
  return byItem;
}

export interface ItemAdherence {
  itemId: string;
  expected: number;
  /** Sessions logged in the window, before the cap. */
  logged: number;
  /** Logged sessions counted, at most `expected`. */
  done: number;
  /** Dose credit of the counted sessions, at most `done`. */
  doseDone: number;
}

export interface Adherence {
  window: AdherenceWindow;
  expected: number;
  done: number;
  doseDone: number;
  /** A(N) = Σ done / Σ expected; undefined when Σ expected = 0. */
  sessionAdherence: number | undefined;
  /** Σ dose credit / Σ expected, averaged like A; undefined when Σ expected = 0. */
  doseAdherence: number | undefined;
  items: ItemAdherence[];
}

/**
 * Session adherence A(N) and dose adherence over the N full days ending yesterday, per item and in
 * total (CLINICAL.md, "Adherence"). Pass every item schedule of the program; items out of force in
 * the window expect nothing and so count for nothing.
 */
export function adherence(options: {
  items: readonly ItemSchedule[];
  sessions: readonly ExerciseSession[];
  today: Day;
  days: number;
}): Adherence {
  // One re-evaluation asks for A(7) of the same record three times (figures, alerts, advice): the
  // answer is kept per items and sessions arrays, which the rules never change.
  let bySessions = remembered.get(options.items);
  if (!bySessions) remembered.set(options.items, (bySessions = new WeakMap()));
  let byWindow = bySessions.get(options.sessions);
  if (!byWindow) bySessions.set(options.sessions, (byWindow = new Map()));
  const key = `${options.today} ${options.days}`;
  let result = byWindow.get(key);
  if (!result) byWindow.set(key, (result = computeAdherence(options)));
  return result;
}

const remembered = new WeakMap<
  readonly ItemSchedule[],
  WeakMap<readonly ExerciseSession[], Map<string, Adherence>>
>();

function computeAdherence(options: {
  items: readonly ItemSchedule[];
  sessions: readonly ExerciseSession[];
  today: Day;
  days: number;
}): Adherence {
  const window = adherenceWindow(options.today, options.days);
  const byItem = sessionsByItem(options.items, options.sessions);
  const items = options.items.map((item): ItemAdherence => {
    const expected = expectedSessions(item, window.from, window.to);
    const inWindow = (byItem.get(item.itemId) ?? []).filter(
      (s) => s.day >= window.from && s.day <= window.to,
    );
    const logged = inWindow.reduce((n, s) => n + s.sessionsDone, 0);
    return {
      itemId: item.itemId,
      expected,
      logged,
      done: Math.min(logged, expected),
      doseDone: cappedCredit(
        inWindow.map((s) => ({ credit: sessionDoseCredit(item, s), sessions: s.sessionsDone })),
        expected,
      ),
    };
  });
  const expected = items.reduce((s, i) => s + i.expected, 0);
  const done = items.reduce((s, i) => s + i.done, 0);
  const doseDone = items.reduce((s, i) => s + i.doseDone, 0);
  return {
    window,
    expected,
    done,
    doseDone,
    sessionAdherence: expected > 0 ? done / expected : undefined,
    doseAdherence: expected > 0 ? doseDone / expected : undefined,
    items,
  };
}

/** Adherent when A(7) ≥ 0.80 (CLINICAL.md, "Adherence"); an undefined A is not adherent. */
export function isAdherent(sessionAdherence: number | undefined): boolean {
  return sessionAdherence !== undefined && isAtLeast(sessionAdherence, ADHERENT_THRESHOLD);
}

/**
 * "Today: x of y done" (CLINICAL.md, "Adherence"): y is the sessions asked today, x the sessions
 * done today counted up to that, per item. What is asked today (rest days of items on fewer than 7
 * days a week included) is `itemsToday` of check-in-schedule.ts; pass its rows. Shown beside A(N),
 * never inside it, so an unfinished day lowers nothing.
 */
export function todayProgress(items: readonly Pick<ItemToday, "asked" | "doneToday">[]): {
  done: number;
  planned: number;
} {
  return {
    done: items.reduce((n, i) => n + Math.min(i.doneToday, i.asked), 0),
    planned: items.reduce((n, i) => n + i.asked, 0),
  };
}
