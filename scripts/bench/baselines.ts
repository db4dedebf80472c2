import { createHash } from "node:crypto";
import type { Database, Statement } from "better-sqlite3";
import { uuidv7 } from "uuidv7";
import { chainedAuditRow, type AuditInput, type ChainHead } from "@/server/audit";
import { readEntityOf } from "@/server/audit-classification";

/*
 * The baselines are SQLite's own SQL on a better-sqlite3 connection, and stay SQLite-only: on
 * PostgreSQL `npm run bench` times the procedures against their targets alone (no agreement
 * check, no ratio), and the two engines' procedure times are compared side by side instead.
 */

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

const DAY_MS = 86_400_000;

/** A calendar day in a time zone, `YYYY-MM-DD`. */
const dayIn = (ms: number, timeZone: string) =>
  new Date(ms).toLocaleDateString("en-CA", { timeZone });
const addDay = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const mondayOf = (day: string) =>
  addDay(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
const daysFrom = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS);

/**
 * Who is asking, by hand: the staff member behind a session (active, same session version, their
 * clinic's name) or the patient behind a link token. A procedure pays for this lookup on every
 * call, so its baseline does too.
 */
export function identityBaselines(sqlite: Database) {
  const staff = sqlite.prepare(`
    select u.id, u.clinic_id, u.role, u.active, u.session_version, u.name, u.email, c.name as clinic
    from users u join clinics c on c.id = u.clinic_id where u.id = ?`);
  const link = sqlite.prepare(`
    select l.id, l.clinic_id, l.patient_id, l.expires_at, l.revoked_at, p.status
    from patient_links l join patients p on p.id = l.patient_id and p.clinic_id = l.clinic_id
    where l.token_hash = ?`);
  return {
    staff: (userId: string) => staff.get(userId) as { clinic_id: string } | undefined,
    patient: (token: string) =>
      link.get(createHash("sha256").update(token, "utf8").digest("hex")) as
        { id: string; clinic_id: string; patient_id: string } | undefined,
  };
}

/**
 * The read row a read procedure appends (decision 021), by hand: the clinic's chain head, the
 * row's hash (the writer's own hashing, so the chain stays whole), one insert, committed without a
 * disk wait as the group commit commits read rows. A baseline pays for it as its procedure does.
 */
export function readAuditBaseline(sqlite: Database) {
  const head = sqlite.prepare(
    "select seq, hash from audit_events where clinic_id = ? order by seq desc limit 1",
  );
  const insert = sqlite.prepare(`
    insert into audit_events (id, clinic_id, seq, hash_format, actor_kind, actor_id, action,
      entity_type, entity_id, patient_id, before, after, at, ip, prev_hash, hash)
    values (?, ?, ?, ?, ?, ?, 'read', ?, ?, ?, null, null, ?, null, ?, ?)`);
  const append = sqlite.transaction((input: AuditInput) => {
    const previous = head.get(input.clinicId) as ChainHead | undefined;
    const row = chainedAuditRow(input, previous ?? null);
    insert.run(
      uuidv7(),
      row.clinicId,
      row.seq,
      row.hashFormat,
      row.actorKind,
      row.actorId,
      row.entityType,
      row.entityId,
      row.patientId,
      row.at.getTime(),
      row.prevHash,
      row.hash,
    );
  });
  return (read: {
    clinicId: string;
    actorKind: "user" | "patient_link";
    actorId: string;
    path: string;
    patientId: string | null;
  }) => {
    const level = Number(sqlite.pragma("synchronous", { simple: true }));
    sqlite.pragma("synchronous = NORMAL");
    try {
      append.immediate({
        clinicId: read.clinicId,
        actorKind: read.actorKind,
        actorId: read.actorId,
        action: "read",
        entityType: readEntityOf(read.path) ?? read.path,
        entityId: read.patientId,
        patientId: read.patientId,
      });
    } finally {
      sqlite.pragma(`synchronous = ${level}`);
    }
  };
}

/**
 * The patient's own rows between two days: pain oldest answer first, sessions, and the safety
 * days when asked for (the plan page needs them, the progress page does not).
 */
function patientWindow(sqlite: Database) {
  const pain = sqlite.prepare(`
    select pr.day, pr.context, pr.score from pain_reports pr
    join check_ins c on c.id = pr.check_in_id
    where pr.patient_id = ? and pr.clinic_id = ? and pr.day between ? and ?
    order by c.submitted_at, pr.id`);
  const sessions = sqlite.prepare(`
    select c.day, i.exercise_id, l.sessions_done from check_ins c
    join exercise_logs l on l.check_in_id = c.id
    join program_items i on i.id = l.program_item_id
    where c.patient_id = ? and c.clinic_id = ? and c.day between ? and ?`);
  const safety = sqlite.prepare(`
    select distinct c.day from check_ins c
    where c.patient_id = ? and c.clinic_id = ? and c.day between ? and ? and c.kind = 'safety'
      and exists (select 1 from red_flag_answers r where r.check_in_id = c.id)`);
  return (clinicId: string, patientId: string, from: string, to: string, withSafety = false) => ({
    pain: pain.all(patientId, clinicId, from, to) as {
      day: string;
      context: string;
      score: number;
    }[],
    sessions: sessions.all(patientId, clinicId, from, to) as {
      day: string;
      exercise_id: string;
      sessions_done: number;
    }[],
    safetyDays: withSafety
      ? (safety.all(patientId, clinicId, from, to) as { day: string }[]).map((r) => r.day)
      : [],
  });
}

/** The version in force of the patient's active program and its items with their exercises. */
function currentProgram(sqlite: Database) {
  const version = sqlite.prepare(`
    select v.id, v.program_id, v.number, v.pain_limit from program_versions v
    join programs p on p.id = v.program_id
    where p.patient_id = ? and p.clinic_id = ? and p.status = 'active'
    order by v.number desc limit 1`);
  const items = sqlite.prepare(`
    select i.id, i.exercise_id, i.sets, i.reps, i.hold_seconds, i.rest_seconds,
           i.duration_seconds, i.sessions_per_day, i.days_per_week, i.side, i.notes,
           e.name, e.summary, e.steps, e.what_to_feel, e.stop_if, e.cautions, e.media, e.sidedness
    from program_items i join exercises e on e.id = i.exercise_id
    where i.version_id = ? and i.clinic_id = ? order by i.position`);
  return (clinicId: string, patientId: string) => {
    const v = version.get(patientId, clinicId) as
      { id: string; program_id: string; number: number; pain_limit: number } | undefined;
    if (!v) return null;
    const rows = items.all(v.id, clinicId) as {
      id: string;
      exercise_id: string;
      sessions_per_day: number;
      days_per_week: number;
      steps: string;
      cautions: string;
      media: string;
    }[];
    return {
      version: v,
      // The JSON columns are read as the page needs them, as the ORM does.
      items: rows.map((r) => ({
        ...r,
        steps: JSON.parse(r.steps) as string[],
        cautions: JSON.parse(r.cautions) as string[],
        media: JSON.parse(r.media) as unknown[],
      })),
    };
  };
}

/** Per exercise: logs done and skipped today, and the other days of this week it was done. */
function itemDays(
  sessions: readonly { day: string; exercise_id: string; sessions_done: number }[],
  exerciseId: string,
  today: string,
) {
  const mine = sessions.filter((s) => s.exercise_id === exerciseId);
  const todays = mine.filter((s) => s.day === today);
  const doneToday = todays.filter((s) => s.sessions_done > 0).length;
  const earlier = new Set(
    mine
      .filter((s) => s.sessions_done > 0 && s.day < today && mondayOf(s.day) === mondayOf(today))
      .map((s) => s.day),
  );
  return { doneToday, skippedToday: todays.length - doneToday, daysDoneThisWeek: earlier.size };
}

/**
 * The patient's plan page by hand (`plan.today`): the clinic's contact, the program in force with
 * its exercises, the week's answers, the open alerts and this week's postponements, then plain
 * loops for what today asks. Everything is read from the tables, nothing from the services.
 */
export function todayPlanBaseline(sqlite: Database) {
  const patient = sqlite.prepare(
    "select display_name, time_zone, clinic_id from patients where id = ?",
  );
  const clinic = sqlite.prepare(
    "select name, phone, email, emergency_number from clinics where id = ?",
  );
  const program = currentProgram(sqlite);
  const window = patientWindow(sqlite);
  const open = sqlite.prepare(`
    select kind, inputs, updated_at from alerts
    where patient_id = ? and clinic_id = ? and status <> 'resolved'`);
  const postponed = sqlite.prepare(`
    select count(*) as n from safety_postponements
    where patient_id = ? and clinic_id = ? and week_start = ?`);
  return (clinicId: string, patientId: string, nowMs: number) => {
    const p = patient.get(patientId) as { display_name: string; time_zone: string };
    const c = clinic.get(clinicId) as { name: string };
    const current = program(clinicId, patientId);
    const today = dayIn(nowMs, p.time_zone);
    const monday = mondayOf(today);
    const yesterday = addDay(today, -1);
    const rows = window(clinicId, patientId, monday < yesterday ? monday : yesterday, today, true);
    const latest = (context: string) =>
      rows.pain.filter((r) => r.day === today && r.context === context).at(-1)?.score ?? null;
    const alerts = (open.all(patientId, clinicId) as { kind: string; inputs: string }[]).map(
      (a) => ({ ...a, inputs: JSON.parse(a.inputs) as unknown }),
    );
    const used = (postponed.get(patientId, clinicId, monday) as { n: number }).n;
    return {
      clinic: c.name,
      firstName: p.display_name.split(" ")[0],
      today,
      painLimit: current?.version.pain_limit ?? null,
      morningDue: latest("morning") === null,
      safetyDue: !rows.safetyDays.some((d) => mondayOf(d) === monday && d <= today),
      morningPainToday: latest("morning"),
      exercisePainToday: latest("during"),
      redFlagAlerts: alerts.filter((a) => a.kind.startsWith("red-flag-")).length,
      postponesLeft: Math.max(0, 2 - used),
      items: (current?.items ?? []).map((i) => ({
        id: i.id,
        ...itemDays(rows.sessions, i.exercise_id, today),
      })),
    };
  };
}

/**
 * The patient's progress page by hand (`plan.progress`): the program's first day, up to 8 ISO
 * weeks of morning and exercise pain, weekly means and sessions, and this week's sessions done of
 * those asked, each exercise counted up to its target.
 */
export function progressBaseline(sqlite: Database) {
  const patient = sqlite.prepare("select time_zone from patients where id = ? and clinic_id = ?");
  const clinic = sqlite.prepare(
    "select name, phone, email, emergency_number from clinics where id = ?",
  );
  const program = currentProgram(sqlite);
  const firstVersion = sqlite.prepare(
    "select min(effective_from) as at from program_versions where program_id = ?",
  );
  const firstAnswer = sqlite.prepare(`
    select min(c.day) as day from check_ins c join program_versions v on v.id = c.version_id
    where c.patient_id = ? and v.program_id = ?`);
  const window = patientWindow(sqlite);
  return (clinicId: string, patientId: string, nowMs: number) => {
    const { time_zone: zone } = patient.get(patientId, clinicId) as { time_zone: string };
    const contact = clinic.get(clinicId) as { name: string };
    const today = dayIn(nowMs, zone);
    const monday = mondayOf(today);
    const current = program(clinicId, patientId);
    let start: string | null = null;
    if (current) {
      const at = (firstVersion.get(current.version.program_id) as { at: number | null }).at;
      const answered = (
        firstAnswer.get(patientId, current.version.program_id) as { day: string | null }
      ).day;
      if (at !== null) {
        const effective = dayIn(at, zone);
        start = answered !== null && answered < effective ? answered : effective;
      }
    }
    const earliest = addDay(monday, -7 * 7);
    const from = start === null || start < earliest ? earliest : start > today ? today : start;
    const weekFrom = start !== null && start > monday && start <= today ? start : monday;
    const weekDays = daysFrom(weekFrom, addDay(monday, 6)) + 1;
    const rows = window(clinicId, patientId, from < monday ? from : monday, today);

    const days: { day: string; morning: number | null; during: number | null }[] = [];
    for (let d = from; d <= today; d = addDay(d, 1)) {
      const mine = rows.pain.filter((r) => r.day === d);
      const during = mine.filter((r) => r.context === "during").map((r) => r.score);
      days.push({
        day: d,
        morning: mine.filter((r) => r.context === "morning").at(-1)?.score ?? null,
        during: during.length > 0 ? Math.max(...during) : null,
      });
    }
    const mean = (xs: number[]) =>
      xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;
    const weeks = new Map<string, { m: number[]; d: number[]; sessions: number }>();
    for (const d of days) {
      const w = weeks.get(mondayOf(d.day)) ?? { m: [], d: [], sessions: 0 };
      if (d.morning !== null) w.m.push(d.morning);
      if (d.during !== null) w.d.push(d.during);
      weeks.set(mondayOf(d.day), w);
    }
    for (const s of rows.sessions)
      if (s.day >= from) weeks.get(mondayOf(s.day))!.sessions += s.sessions_done;

    let done = 0;
    let asked = 0;
    let todayDone = 0;
    let todayAsked = 0;
    for (const i of current?.items ?? []) {
      const target = i.sessions_per_day * Math.min(i.days_per_week, weekDays);
      const sessions = rows.sessions
        .filter((s) => s.exercise_id === i.exercise_id && s.day >= weekFrom)
        .reduce((n, s) => n + s.sessions_done, 0);
      asked += target;
      done += Math.min(sessions, target);
      const t = itemDays(rows.sessions, i.exercise_id, today);
      const rest = t.daysDoneThisWeek >= i.days_per_week && t.doneToday === 0;
      const askedToday = rest ? 0 : i.sessions_per_day;
      todayAsked += askedToday;
      todayDone += Math.min(t.doneToday, askedToday);
    }
    return {
      clinic: contact.name,
      today,
      programStart: start,
      weekFrom,
      week: { done, asked },
      todayDone,
      todayAsked,
      days,
      weeks: [...weeks.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([weekStart, w]) => ({
          weekStart,
          morningMean: mean(w.m),
          duringMean: mean(w.d),
          sessionsDone: w.sessions,
        })),
    };
  };
}

/**
 * The patient page's check-in log by hand (`patientCharts.checkInLog`): one page of check-ins,
 * newest first, the total, and the page's pain reports, sessions and red-flag answers.
 */
export function checkInLogBaseline(sqlite: Database) {
  const patient = sqlite.prepare("select id from patients where id = ? and clinic_id = ?");
  const page = sqlite.prepare(`
    select c.id, c.day, c.kind, c.submitted_at, c.note, v.number as version_number
    from check_ins c left join program_versions v on v.id = c.version_id
    where c.patient_id = ? and c.clinic_id = ?
    order by c.day desc, c.submitted_at desc, c.id desc limit ? offset ?`);
  const total = sqlite.prepare(`
    select count(*) as n from patients p join check_ins c on c.patient_id = p.id
    where p.id = ? and p.clinic_id = ?`);
  const pain = sqlite.prepare(`
    select check_in_id, context, score from pain_reports
    where patient_id = ? and clinic_id = ? and day between ? and ?
      and check_in_id in (select value from json_each(?))`);
  const logs = sqlite.prepare(`
    select l.check_in_id, e.name, l.sessions_done, l.sets_done, l.reps_done, l.skipped_reason
    from exercise_logs l join program_items i on i.id = l.program_item_id
    join exercises e on e.id = i.exercise_id
    where l.check_in_id in (select value from json_each(?))`);
  const flags = sqlite.prepare(`
    select check_in_id, question_set, question_id, answer from red_flag_answers
    where check_in_id in (select value from json_each(?))`);
  return (clinicId: string, patientId: string, pageNumber: number, pageSize: number) => {
    if (!patient.get(patientId, clinicId)) return null;
    const rows = page.all(patientId, clinicId, pageSize, (pageNumber - 1) * pageSize) as {
      id: string;
      day: string;
      version_number: number | null;
    }[];
    const ids = JSON.stringify(rows.map((r) => r.id));
    const days = rows.map((r) => r.day).sort();
    const p = (
      rows.length === 0 ? [] : pain.all(patientId, clinicId, days[0], days.at(-1), ids)
    ) as { check_in_id: string; context: string; score: number }[];
    const l = (rows.length === 0 ? [] : logs.all(ids)) as {
      check_in_id: string;
      sessions_done: number;
    }[];
    const f = (rows.length === 0 ? [] : flags.all(ids)) as {
      check_in_id: string;
      answer: number;
    }[];
    return {
      total: (total.get(patientId, clinicId) as { n: number }).n,
      rows: rows.map((r) => ({
        id: r.id,
        versionNumber: r.version_number,
        pain: p.filter((x) => x.check_in_id === r.id),
        logs: l.filter((x) => x.check_in_id === r.id),
        redFlagsYes: f.filter((x) => x.check_in_id === r.id && x.answer === 1).length,
        redFlagsAsked: f.filter((x) => x.check_in_id === r.id).length,
      })),
    };
  };
}

export interface AlertsListFilter {
  status: "open" | "acknowledged" | "resolved";
  mine: boolean;
  patientId?: string;
  page: number;
  pageSize: number;
}

/**
 * The alerts inbox by hand (`alerts.list`): one statement per combination of filters, as someone
 * writing the SQL for each screen would, ordered as the inbox orders (most severe and longest
 * waiting first; resolved ones most recent first), with the total and the clinic's time zone.
 */
export function alertsListBaseline(sqlite: Database) {
  const statements = new Map<string, { page: Statement; count: Statement }>();
  const zone = sqlite.prepare("select time_zone from clinics where id = ?");
  const prepared = (filter: AlertsListFilter) => {
    const key = `${filter.status}|${filter.mine}|${filter.patientId !== undefined}`;
    let found = statements.get(key);
    if (!found) {
      // The page is chosen from the alerts alone (and their patient for "mine"); only its rows
      // are joined to names. The count reads the index unless "mine" needs the patient.
      const where = [
        "a.clinic_id = @clinic",
        "a.status = @status",
        // Lets SQLite read a patient's unresolved alerts through the partial index.
        ...(filter.status !== "resolved" ? ["a.status <> 'resolved'"] : []),
        ...(filter.mine ? ["p.primary_clinician_id = @user"] : []),
        ...(filter.patientId !== undefined ? ["a.patient_id = @patient"] : []),
      ].join(" and ");
      const from = filter.mine ? "alerts a join patients p on p.id = a.patient_id" : "alerts a";
      const order =
        filter.status === "resolved"
          ? "a.resolved_at desc, a.id"
          : "case a.severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end, a.created_at, a.id";
      found = {
        page: sqlite.prepare(`
          select a.id, a.patient_id, p.display_name, u.name as clinician, a.kind, a.severity,
                 a.rule_id, a.rule_version, a.inputs, a.status, a.created_at, a.updated_at,
                 a.acknowledged_at, ack.name as acknowledged_by, a.acknowledge_note,
                 a.resolved_at, res.name as resolved_by
          from (select a.id from ${from} where ${where} order by ${order}
                limit @limit offset @offset) page
          join alerts a on a.id = page.id
          join patients p on p.id = a.patient_id
          join users u on u.id = p.primary_clinician_id
          left join users ack on ack.id = a.acknowledged_by
          left join users res on res.id = a.resolved_by
          order by ${order}`),
        count: sqlite.prepare(`select count(*) as n from ${from} where ${where}`),
      };
      statements.set(key, found);
    }
    return found;
  };
  return (clinicId: string, userId: string, filter: AlertsListFilter) => {
    const { page, count } = prepared(filter);
    const values = {
      clinic: clinicId,
      status: filter.status,
      ...(filter.mine ? { user: userId } : {}),
      ...(filter.patientId !== undefined ? { patient: filter.patientId } : {}),
    };
    const rows = (
      page.all({
        ...values,
        limit: filter.pageSize,
        offset: (filter.page - 1) * filter.pageSize,
      }) as { id: string; inputs: string }[]
    ).map((r) => ({ ...r, inputs: JSON.parse(r.inputs) as unknown }));
    return {
      rows,
      total: (count.get(values) as { n: number }).n,
      timeZone: (zone.get(clinicId) as { time_zone: string } | undefined)?.time_zone ?? "UTC",
    };
  };
}

/** What every staff page's banner and menu show, by hand (`alerts.summary`). */
export function alertSummaryBaseline(sqlite: Database) {
  const counts = sqlite.prepare(`
    select a.severity, count(*) as n, sum(p.primary_clinician_id = @user) as mine
    from alerts a join patients p on p.id = a.patient_id
    where a.clinic_id = @clinic and a.status = 'open' group by a.severity`);
  const critical = sqlite.prepare(`
    select a.id, a.patient_id, p.display_name, a.kind, a.created_at
    from alerts a join patients p on p.id = a.patient_id
    where a.clinic_id = ? and a.status = 'open' and a.severity = 'critical'
    order by a.created_at, a.id limit 5`);
  return (clinicId: string, userId: string) => {
    const rows = counts.all({ clinic: clinicId, user: userId }) as {
      severity: string;
      n: number;
      mine: number;
    }[];
    const by = (severity: string) => rows.find((r) => r.severity === severity)?.n ?? 0;
    return {
      total: rows.reduce((s, r) => s + r.n, 0),
      mine: rows.reduce((s, r) => s + r.mine, 0),
      critical: by("critical"),
      high: by("high"),
      medium: by("medium"),
      low: by("low"),
      criticalIds: (by("critical") === 0 ? [] : (critical.all(clinicId) as { id: string }[])).map(
        (r) => r.id,
      ),
    };
  };
}
