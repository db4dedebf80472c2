import Database from "better-sqlite3";
import { PAIN_OVER_LIMIT } from "@/server/domain/alert-rules";
import { chainBreaks, type StoredAuditRow } from "./crash-audit";
import type { JournalEntry } from "./crash-journal";
import { keysInDatabase } from "./patient-traffic";

/** Where the bench started from: everything after it was written by the bench. */
export interface Baseline {
  clinicId: string;
  /**
   * Each clinic's last audit seq before the bench wrote anything (links included): the head of its
   * chain. A clinic made since has none (0).
   */
  auditHeads: Record<string, number>;
  /** Wall-clock ms when the bench started writing. */
  startedAt: number;
}

/** The bench clinic's chain head at the start. */
const headOf = (baseline: Baseline, clinicId: string) => baseline.auditHeads[clinicId] ?? 0;

export interface Verdict {
  pass: boolean;
  what: string;
}

/** The bench clinic and the audit trail's end, read before the bench writes. */
export function readBaseline(file: string, clinicName = "Bench Clinic"): Baseline {
  const sqlite = new Database(file, { readonly: true });
  try {
    const clinicId = sqlite
      .prepare("select id from clinics where name = ?")
      .pluck()
      .get(clinicName) as string | undefined;
    if (!clinicId) throw new Error(`The database holds no clinic named ${clinicName}.`);
    // One step down the (clinic_id, seq) index per clinic.
    const heads = sqlite
      .prepare(
        `select c.id as clinicId,
           coalesce((select max(a.seq) from audit_events a where a.clinic_id = c.id), 0) as seq
         from clinics c`,
      )
      .all() as { clinicId: string; seq: number }[];
    const auditHeads = Object.fromEntries(heads.map((h) => [h.clinicId, h.seq]));
    return { clinicId, auditHeads, startedAt: Date.now() };
  } finally {
    sqlite.close();
  }
}

interface StoredCheckIn {
  id: string;
  patientId: string;
  submittedAt: number;
  painLimit: number | null;
  during: number | null;
  painRows: number;
}

/** Keys by which SQLite returns an audit row, named as the chain check reads them. */
const AUDIT_COLUMNS = `clinic_id as clinicId, seq, hash_format as hashFormat, actor_kind as actorKind,
  actor_id as actorId, action, entity_type as entityType, entity_id as entityId,
  patient_id as patientId, before, after, at, ip, prev_hash as prevHash, hash`;

/**
 * Everything the crash bench promises, checked on the file after the server has stopped, read-only:
 * the file is sound, every acknowledged answer is there once with its content, its audit row and
 * the figures and alerts it implies, and the audit chain written during the bench is unbroken.
 */
export function checkDatabase(options: {
  file: string;
  baseline: Baseline;
  journal: readonly JournalEntry[];
}): Verdict[] {
  const { file, baseline } = options;
  const acknowledged = options.journal.filter((e) => e.checkInId !== null);
  const verdicts: Verdict[] = [];
  const verdict = (pass: boolean, what: string) => verdicts.push({ pass, what });

  const { missing, twice } = keysInDatabase(
    file,
    acknowledged.map((e) => e.key),
  );
  verdict(
    missing === 0 && twice === 0,
    `every acknowledged answer stored exactly once: ${acknowledged.length} acknowledged, ${missing} missing, ${twice} twice`,
  );

  const sqlite = new Database(file, { readonly: true });
  try {
    const integrity = sqlite.pragma("integrity_check", { simple: false }) as {
      integrity_check: string;
    }[];
    const integrityOk = integrity.length === 1 && integrity[0]!.integrity_check === "ok";
    verdict(
      integrityOk,
      `PRAGMA integrity_check: ${integrityOk ? "ok" : `${integrity.length} problems, first: ${integrity[0]?.integrity_check}`}`,
    );

    // pain_reports has no index on check_in_id: the answer's reports are found through the
    // (patient, day) index, or each lookup would scan all 1.5 M of them.
    const byKey = sqlite.prepare(
      `select c.id, c.patient_id as patientId, c.submitted_at as submittedAt, v.pain_limit as painLimit,
         max(case when p.context = 'during' then p.score end) as during, count(p.id) as painRows
       from check_ins c
       left join program_versions v on v.id = c.version_id
       left join pain_reports p
         on p.patient_id = c.patient_id and p.day = c.day and p.check_in_id = c.id
       where c.idempotency_key = ?
       group by c.id`,
    );
    const stored = new Map<string, StoredCheckIn>();
    let otherId = 0;
    let otherContent = 0;
    for (const entry of acknowledged) {
      const row = byKey.get(entry.key) as StoredCheckIn | undefined;
      if (!row) continue;
      stored.set(entry.key, row);
      if (row.id !== entry.checkInId) otherId++;
      if (row.during !== entry.score || row.painRows !== 1) otherContent++;
    }
    verdict(
      otherId === 0 && otherContent === 0,
      `each stored answer is the one acknowledged (same check-in id, one pain report, same score): ${otherId} other id, ${otherContent} other content`,
    );

    // Nothing the phones did not send: every check-in made since the start carries a journaled key.
    const journaledKeys = new Set(options.journal.map((e) => e.key));
    const since = sqlite
      .prepare("select idempotency_key from check_ins where created_at >= ?")
      .pluck()
      .all(baseline.startedAt) as string[];
    const strangers = since.filter((k) => !journaledKeys.has(k)).length;
    verdict(
      strangers === 0 && since.length === acknowledged.length,
      `check-ins written during the bench: ${since.length} (${strangers} with a key no phone sent; ${acknowledged.length} acknowledged)`,
    );

    verdicts.push(...checkAudit(sqlite, baseline, stored));
    verdicts.push(...checkAlerts(sqlite, baseline, acknowledged, stored));
    verdicts.push(checkSummaries(sqlite, stored));
  } finally {
    sqlite.close();
  }
  return verdicts;
}

function checkAudit(
  sqlite: Database.Database,
  baseline: Baseline,
  stored: ReadonlyMap<string, StoredCheckIn>,
): Verdict[] {
  const start = headOf(baseline, baseline.clinicId);
  const rows = sqlite
    .prepare(
      `select ${AUDIT_COLUMNS} from audit_events where clinic_id = ? and seq > ? order by seq`,
    )
    .all(baseline.clinicId, start) as StoredAuditRow[];
  const head = sqlite
    .prepare("select hash from audit_events where clinic_id = ? and seq = ?")
    .pluck()
    .get(baseline.clinicId, start) as string | undefined;
  const breaks = chainBreaks(rows, head ?? null);
  // Rows the bench added to any other clinic's chain, counted along each clinic's index.
  const others = sqlite
    .prepare("select id from clinics where id <> ?")
    .pluck()
    .all(baseline.clinicId) as string[];
  const countAfter = sqlite
    .prepare("select count(*) from audit_events where clinic_id = ? and seq > ?")
    .pluck();
  const otherClinics = others.reduce(
    (sum, clinicId) => sum + (countAfter.get(clinicId, headOf(baseline, clinicId)) as number),
    0,
  );

  const checkInRows = new Map<string, StoredAuditRow[]>();
  for (const row of rows) {
    if (row.entityType !== "check_in" || row.entityId === null) continue;
    checkInRows.set(row.entityId, [...(checkInRows.get(row.entityId) ?? []), row]);
  }
  let withoutOne = 0;
  const ids = new Set<string>();
  for (const checkIn of stored.values()) {
    ids.add(checkIn.id);
    const events = checkInRows.get(checkIn.id) ?? [];
    if (events.length !== 1 || events[0]!.action !== "check_in.exercise") withoutOne++;
  }
  // An audit row whose check-in is not there would be half a transaction.
  const orphans = [...checkInRows.keys()].filter((id) => !ids.has(id)).length;

  return [
    {
      pass: withoutOne === 0 && orphans === 0,
      what: `one audit row (check_in.exercise) per stored answer: ${stored.size - withoutOne} of ${stored.size}; ${orphans} audit rows for check-ins that are not there`,
    },
    {
      pass: breaks.length === 0 && otherClinics === 0 && rows.length > 0,
      what: `audit chain over the ${rows.length} rows written during the bench: ${breaks.length === 0 ? "unbroken" : `${breaks.length} breaks, first at row ${breaks[0]!.index} (${breaks[0]!.reason})`}`,
    },
  ];
}

/**
 * Every answer above the pain limit of its version keeps (or raises) the patient's
 * `pain-over-limit` alert, counting at least the bench's answers; every alert the bench changed
 * has the audit row of that change. During a red-flag pause no pain alert moves (CLINICAL.md,
 * example 11): those patients are counted apart, not failed.
 */
function checkAlerts(
  sqlite: Database.Database,
  baseline: Baseline,
  acknowledged: readonly JournalEntry[],
  stored: ReadonlyMap<string, StoredCheckIn>,
): Verdict[] {
  const overLimit = new Map<string, { answers: number; sentTen: boolean }>();
  const sentTen = new Set<string>();
  for (const entry of acknowledged) {
    const row = stored.get(entry.key);
    if (!row) continue;
    if (entry.score === 10) sentTen.add(row.patientId);
    if (row.painLimit === null || entry.score <= row.painLimit) continue;
    const seen = overLimit.get(row.patientId) ?? { answers: 0, sentTen: false };
    overLimit.set(row.patientId, {
      answers: seen.answers + 1,
      sentTen: seen.sentTen || entry.score === 10,
    });
  }

  const alertOf = sqlite.prepare(
    `select a.status, a.inputs, coalesce(s.red_flag, 0) as paused from patients p
       left join alerts a on a.patient_id = p.id and a.rule_id = ? and a.status <> 'resolved'
       left join patient_summaries s on s.patient_id = p.id
     where p.id = ?`,
  );
  let withAlert = 0;
  let tensWithAlert = 0;
  let paused = 0;
  let short = 0;
  for (const [patientId, seen] of overLimit) {
    const row = alertOf.get(PAIN_OVER_LIMIT.ruleId, patientId) as {
      status: string | null;
      inputs: string | null;
      paused: number;
    };
    if (row.status === null) {
      if (row.paused) paused++;
      continue;
    }
    const inputs = JSON.parse(row.inputs!) as { reportsOverLimit7?: number };
    if ((inputs.reportsOverLimit7 ?? 0) < seen.answers) {
      short++;
      continue;
    }
    withAlert++;
    if (seen.sentTen) tensWithAlert++;
  }
  const tensOverLimit = [...overLimit.values()].filter((s) => s.sentTen).length;

  // Every alert the bench raised or changed, and the audit row of that change.
  const touched = sqlite
    .prepare(
      "select id, created_at as openedAt, updated_at as updatedAt from alerts where updated_at >= ?",
    )
    .all(baseline.startedAt) as { id: string; openedAt: number; updatedAt: number }[];
  // The bench's alerts are all the bench clinic's.
  const events = sqlite
    .prepare(
      "select entity_id as id, action, at from audit_events where clinic_id = ? and seq > ? and entity_type = 'alert'",
    )
    .all(baseline.clinicId, headOf(baseline, baseline.clinicId)) as {
    id: string;
    action: string;
    at: number;
  }[];
  const eventsOf = new Map<string, { action: string; at: number }[]>();
  for (const e of events) eventsOf.set(e.id, [...(eventsOf.get(e.id) ?? []), e]);
  let unaudited = 0;
  let raised = 0;
  for (const alert of touched) {
    const mine = eventsOf.get(alert.id) ?? [];
    const isNew = alert.openedAt >= baseline.startedAt;
    if (isNew) raised++;
    const raises = mine.filter((e) => e.action === "alert.raise").length;
    if ((isNew && raises !== 1) || !mine.some((e) => e.at === alert.updatedAt)) unaudited++;
  }

  return [
    {
      pass: withAlert + paused === overLimit.size,
      what: `patients with an answer above their pain limit: ${overLimit.size} (${tensOverLimit} of the ${sentTen.size} who sent a 10); with an open or acknowledged ${PAIN_OVER_LIMIT.kind} alert counting their answers: ${withAlert} (${tensWithAlert} who sent a 10); in a red-flag pause, so left alone: ${paused}; alert missing or short: ${overLimit.size - withAlert - paused} (${short} counting too few)`,
    },
    {
      pass: unaudited === 0,
      what: `alerts raised or changed during the bench: ${touched.length} (${raised} raised); without the audit row of their change: ${unaudited}`,
    },
  ];
}

/** The caseload row of each patient who answered was rewritten with the answer. */
function checkSummaries(
  sqlite: Database.Database,
  stored: ReadonlyMap<string, StoredCheckIn>,
): Verdict {
  const latest = new Map<string, number>();
  for (const row of stored.values()) {
    latest.set(row.patientId, Math.max(latest.get(row.patientId) ?? 0, row.submittedAt));
  }
  const summaryOf = sqlite
    .prepare("select last_check_in_at from patient_summaries where patient_id = ?")
    .pluck();
  let behind = 0;
  for (const [patientId, at] of latest) {
    const last = summaryOf.get(patientId) as number | null | undefined;
    if (last === null || last === undefined || last < at) behind++;
  }
  return {
    pass: behind === 0,
    what: `caseload figures of the ${latest.size} patients who answered include their latest acknowledged answer: ${latest.size - behind} (${behind} behind)`,
  };
}
