import { desc, eq, sql } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import type { DbOrTx } from "../client";
import { auditEvents, checkIns, exerciseLogs, painReports, redFlagAnswers } from "../schema";
import { chainedAuditRow, type AuditInput } from "../../server/audit";
import { RED_FLAG_SET_VERSION } from "../../server/domain/red-flags";
import type { insertCheckIn } from "./index";

type CheckInInput = Parameters<typeof insertCheckIn>[1];

/** SQLite allows 32,766 bound values per statement; stay well under with the widest table. */
const ROWS_PER_STATEMENT = 2_000;

function insertChunked<T>(rows: T[], write: (chunk: T[]) => void) {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT)
    write(rows.slice(i, i + ROWS_PER_STATEMENT));
}

/**
 * Many check-ins at once, row for row what `insertCheckIn` writes, in a few multi-row inserts:
 * for data sets the size of a year of a large clinic (the bench), where one statement per row
 * would take most of an hour.
 */
export function insertCheckInsBulk(db: DbOrTx, inputs: readonly CheckInInput[]) {
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
  db.transaction((tx) => {
    insertChunked(heads, (chunk) => tx.insert(checkIns).values(chunk).run());
    insertChunked(pain, (chunk) => tx.insert(painReports).values(chunk).run());
    insertChunked(logs, (chunk) => tx.insert(exerciseLogs).values(chunk).run());
    insertChunked(flags, (chunk) => tx.insert(redFlagAnswers).values(chunk).run());
  });
  return heads.map((h) => h.id);
}

/**
 * Many audit events at once, each chained to the one before it in its clinic exactly as
 * `recordAudit` chains them (same fields, same hash), in a few multi-row inserts. The chain's
 * head is read once per clinic; rows go in in the order given, which is the chain's order.
 */
export function insertAuditEventsBulk(db: DbOrTx, inputs: readonly AuditInput[]) {
  db.transaction((tx) => {
    const heads = new Map<string, string | null>();
    const rows = inputs.map((input) => {
      if (!heads.has(input.clinicId)) {
        const head = tx
          .select({ hash: auditEvents.hash })
          .from(auditEvents)
          .where(eq(auditEvents.clinicId, input.clinicId))
          .orderBy(desc(sql`rowid`))
          .limit(1)
          .get();
        heads.set(input.clinicId, head?.hash ?? null);
      }
      const row = chainedAuditRow(input, heads.get(input.clinicId) ?? null);
      heads.set(input.clinicId, row.hash);
      return row;
    });
    insertChunked(rows, (chunk) => tx.insert(auditEvents).values(chunk).run());
  });
}
