import { uuidv7 } from "uuidv7";
import { lockClinic } from "../engine/raw";
import { auditEvents, checkIns, exerciseLogs, painReports, redFlagAnswers } from "../schema";
import { chainedAuditRow, chainHead, type AuditInput, type ChainHead } from "../../server/audit";
import { RED_FLAG_SET_VERSION } from "../../server/domain/red-flags";
import type { insertCheckIn } from "./index";
import { writeIn, type Target } from "./target";

type CheckInInput = Parameters<typeof insertCheckIn>[1];

/**
 * SQLite allows 32,766 bound values per statement and PostgreSQL 65,535; stay well under with the
 * widest table (audit_events, 17 columns).
 */
const ROWS_PER_STATEMENT = 1_500;

/** One multi-row insert per chunk, one after another (never side by side in a write). */
async function insertChunked<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    await write(rows.slice(i, i + ROWS_PER_STATEMENT));
  }
}

/**
 * Many check-ins at once, row for row what `insertCheckIn` writes, in a few multi-row inserts:
 * for data sets the size of a year of a large clinic (the bench), where one statement per row
 * would take most of an hour.
 */
export async function insertCheckInsBulk(
  db: Target,
  inputs: readonly CheckInInput[],
): Promise<string[]> {
  const heads = inputs.map((input) => ({
    id: uuidv7(),
    clinicId: input.clinicId,
    patientId: input.patientId,
    versionId: input.versionId,
    day: input.day,
    kind: input.kind,
    idempotencyKey: uuidv7(),
    submittedAt: input.submittedAt ?? new Date(),
    // History arrived when it was sent: the submission limits count by arrival (decision 016).
    createdAt: input.submittedAt ?? new Date(),
    note: input.note ?? null,
  }));
  const pain = inputs.flatMap((input, i) =>
    (input.pain ?? []).map((p) => ({
      clinicId: input.clinicId,
      checkInId: heads[i]!.id,
      patientId: input.patientId,
      day: input.day,
      context: p.context,
      score: p.score,
    })),
  );
  const logs = inputs.flatMap((input, i) =>
    (input.logs ?? []).map((l) => ({
      clinicId: input.clinicId,
      checkInId: heads[i]!.id,
      programItemId: l.programItemId,
      sessionsDone: l.skippedReason ? 0 : (l.sessionsDone ?? 1),
      setsDone: l.setsDone ?? null,
      repsDone: l.repsDone ?? null,
      skippedReason: l.skippedReason ?? null,
    })),
  );
  const flags = inputs.flatMap((input, i) =>
    (input.redFlags ?? []).map((r) => ({
      clinicId: input.clinicId,
      checkInId: heads[i]!.id,
      questionSet: input.questionSet ?? RED_FLAG_SET_VERSION,
      questionId: r.questionId,
      answer: r.answer,
    })),
  );
  await writeIn(db, async (tx) => {
    await insertChunked(heads, (chunk) => tx.insert(checkIns).values(chunk));
    await insertChunked(pain, (chunk) => tx.insert(painReports).values(chunk));
    await insertChunked(logs, (chunk) => tx.insert(exerciseLogs).values(chunk));
    await insertChunked(flags, (chunk) => tx.insert(redFlagAnswers).values(chunk));
  });
  return heads.map((h) => h.id);
}

/**
 * Many audit events at once, each chained to the one before it in its clinic exactly as
 * `recordAudit` chains them (same fields, same seq, same hash), in a few multi-row inserts. Each
 * clinic's lock is taken and its chain's head read once; rows go in in the order given, which is
 * the chain's order.
 */
export async function insertAuditEventsBulk(
  db: Target,
  inputs: readonly AuditInput[],
): Promise<void> {
  await writeIn(db, async (tx) => {
    const heads = new Map<string, ChainHead | null>();
    for (const clinicId of new Set(inputs.map((input) => input.clinicId))) {
      await lockClinic(tx, clinicId);
      heads.set(clinicId, await chainHead(tx, clinicId));
    }
    const rows = inputs.map((input) => {
      const row = chainedAuditRow(input, heads.get(input.clinicId) ?? null);
      heads.set(input.clinicId, row);
      return { id: uuidv7(), ...row };
    });
    await insertChunked(rows, (chunk) => tx.insert(auditEvents).values(chunk));
  });
}
