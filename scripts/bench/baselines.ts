import type { Database } from "better-sqlite3";

/** One caseload row as the hand-written SQL returns it (snake case, SQLite's own types). */
export interface CaseloadBaselineRow {
  id: string;
  clinician: string;
  version_number: number | null;
  adherence_7: number | null;
  adherence_28: number | null;
  morning_pain: number | null;
  pain_change: number | null;
  advice: string | null;
  critical: number | null;
  high: number | null;
  medium: number | null;
  low: number | null;
  needs_attention: number;
}

/** "The last 7 days" of a medium alert's latest evidence, in milliseconds (CLINICAL.md, "Alerts"). */
const SEVEN_DAYS_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Hand-written SQL for the same figures the services return, through better-sqlite3 directly:
 * what the queries cost with no ORM, no validation and no service code around them. "Needs
 * attention" is read straight from CLINICAL.md: an unresolved critical or high alert, an
 * unacknowledged medium alert with evidence from the last 7 days, or the advice `regress`.
 */
export function caseloadBaseline(sqlite: Database) {
  const unresolved = `
    select patient_id,
           sum(severity = 'critical') as critical, sum(severity = 'high') as high,
           sum(severity = 'medium') as medium, sum(severity = 'low') as low, count(*) as total,
           max(severity in ('critical', 'high')
               or (severity = 'medium' and status = 'open' and updated_at >= @since)) as attention
    from alerts where clinic_id = @clinic and status in ('open', 'acknowledged')
    group by patient_id`;
  const needs = `(coalesce(a.attention, 0) = 1 or coalesce(s.advice = 'regress', 0))`;
  const statement = sqlite.prepare(`
    select p.id, p.display_name, p.condition, p.status, p.primary_clinician_id, u.name as clinician,
           s.day, s.version_number, s.version_from_day, s.last_check_in_at, s.adherence_7,
           s.adherence_28, s.morning_pain, s.baseline_pain, s.pain_change, s.improved, s.worsening,
           s.advice, s.red_flag, a.critical, a.high, a.medium, a.low,
           ${needs} as needs_attention
    from patients p
    join users u on u.id = p.primary_clinician_id
    left join patient_summaries s on s.patient_id = p.id
    left join (${unresolved}) a on a.patient_id = p.id
    where p.clinic_id = @clinic and p.status = 'active' and ${needs}
    order by s.adherence_7 asc nulls last, p.id asc
    limit 25`);
  const counting = sqlite.prepare(`
    select count(*) as n
    from patients p
    left join patient_summaries s on s.patient_id = p.id
    left join (${unresolved}) a on a.patient_id = p.id
    where p.clinic_id = @clinic and p.status = 'active' and ${needs}`);
  return (clinicId: string, now: Date) => {
    const values = { clinic: clinicId, since: now.getTime() - SEVEN_DAYS_MS };
    return {
      rows: statement.all(values) as CaseloadBaselineRow[],
      total: (counting.get(values) as { n: number }).n,
    };
  };
}

/**
 * The chart's figures by hand: raw SQL for the rows, then plain loops for the pain limit of each
 * day, the baseline and session adherence per week (expected = sessions a day × days a week × days
 * in force / 7 per item, done capped at expected). An independent second reading of the rules.
 */
export function chartBaseline(sqlite: Database) {
  const versions = sqlite.prepare(`
    select v.id, v.number, v.pain_limit, v.effective_from from program_versions v
    join programs p on p.id = v.program_id
    where p.patient_id = ? and p.clinic_id = ? and p.status = 'active' order by v.number`);
  const items = sqlite.prepare(`
    select i.id, i.version_id, i.exercise_id, i.sessions_per_day, i.days_per_week from program_items i
    join program_versions v on v.id = i.version_id join programs p on p.id = v.program_id
    where p.patient_id = ? and p.status = 'active'`);
  const points = sqlite.prepare(`
    select day, context, max(score) as score from pain_reports
    where patient_id = ? and clinic_id = ? and day between ? and ?
    group by day, context`);
  const firstWeek = sqlite.prepare(`
    select avg(score) as mean, count(*) as n from pain_reports
    where patient_id = ? and clinic_id = ? and context = 'morning' and day between ? and ?`);
  const sessions = sqlite.prepare(`
    select c.day, l.program_item_id as item, sum(l.sessions_done) as done
    from check_ins c join exercise_logs l on l.check_in_id = c.id
    where c.patient_id = ? and c.clinic_id = ? and c.day between ? and ? and l.skipped_reason is null
    group by c.day, l.program_item_id`);

  const dayOf = (ms: number) =>
    new Date(ms).toLocaleDateString("en-CA", { timeZone: "Europe/London" });
  const shift = (day: string, n: number) =>
    new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

  return (clinicId: string, patientId: string, from: string, today: string) => {
    const vs = (
      versions.all(patientId, clinicId) as {
        id: string;
        pain_limit: number;
        effective_from: number;
      }[]
    ).map((v) => ({ ...v, day: dayOf(v.effective_from) }));
    const rows = points.all(patientId, clinicId, from, today) as {
      day: string;
      context: string;
      score: number;
    }[];
    const limits: (number | null)[] = [];
    for (let d = from; d <= today; d = shift(d, 1)) {
      limits.push(vs.filter((v) => v.day <= d).at(-1)?.pain_limit ?? null);
    }
    const start = vs[0]?.day;
    const first = start
      ? (firstWeek.get(patientId, clinicId, start, shift(start, 6)) as { mean: number; n: number })
      : { mean: 0, n: 0 };
    const its = items.all(patientId) as {
      id: string;
      version_id: string;
      exercise_id: string;
      sessions_per_day: number;
      days_per_week: number;
    }[];
    // The day a version is saved still belongs to the one before it: a later version is expected
    // from the next day, the first from its own.
    const force = its.map((i) => {
      const at = vs.findIndex((v) => v.id === i.version_id);
      const next = vs[at + 1];
      return {
        ...i,
        from: at === 0 ? vs[at]!.day : shift(vs[at]!.day, 1),
        to: next ? next.day : "9999-12-31",
      };
    });
    const inForce = (i: (typeof force)[number], day: string) => i.from <= day && day <= i.to;
    const byId = new Map(force.map((i) => [i.id, i]));
    const done = new Map<string, number>();
    for (const s of sessions.all(patientId, clinicId, shift(from, -6), shift(today, -1)) as {
      day: string;
      item: string;
      done: number;
    }[]) {
      // A session of an item not expected that day counts for the expected item of the same
      // exercise, if there is one (the version-change day).
      const own = byId.get(s.item);
      const counted =
        own && !inForce(own, s.day)
          ? (force.find(
              (i) => i.exercise_id === own.exercise_id && i.id !== own.id && inForce(i, s.day),
            )?.id ?? s.item)
          : s.item;
      const key = `${s.day}|${counted}`;
      done.set(key, (done.get(key) ?? 0) + s.done);
    }
    const weeks: { from: string; done: number; expected: number }[] = [];
    for (let end = shift(today, -1); end >= from; end = shift(end, -7)) {
      const weekStart = shift(end, -6);
      let expected = 0;
      let counted = 0;
      for (const i of force) {
        const a = i.from > weekStart ? i.from : weekStart;
        const b = i.to < end ? i.to : end;
        const days = a <= b ? (Date.parse(b) - Date.parse(a)) / 86_400_000 + 1 : 0;
        const e = (i.sessions_per_day * i.days_per_week * days) / 7;
        let logged = 0;
        for (let d = weekStart; d <= end; d = shift(d, 1)) logged += done.get(`${d}|${i.id}`) ?? 0;
        expected += e;
        counted += Math.min(logged, e);
      }
      weeks.push({ from: weekStart, done: counted, expected });
    }
    return {
      points: rows,
      limits,
      baseline: first.n >= 3 ? first.mean : null,
      weeks: weeks.reverse(),
    };
  };
}
