import { and, desc, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { auditChecks, clinics } from "@/db/schema";
import {
  CHAIN_START,
  anchorLine,
  verifyClinicChain,
  type ChainPoint,
  type ClinicChainReport,
} from "@/server/audit-verify";
import { perConnection, placeholder as p } from "../prepared";
import type { ClinicScope } from "../scope";

const statements = perConnection((db) => ({
  latest: db
    .select({
      checkedAt: auditChecks.checkedAt,
      status: auditChecks.status,
      rowsChecked: auditChecks.rowsChecked,
      chainLength: auditChecks.chainLength,
      brokenEventId: auditChecks.brokenEventId,
      brokenPosition: auditChecks.brokenPosition,
      problem: auditChecks.problem,
    })
    .from(auditChecks)
    .where(eq(auditChecks.clinicId, p("clinicId")))
    .orderBy(desc(sql`rowid`))
    .limit(1)
    .prepare(),
  lastGood: db
    .select({
      position: auditChecks.chainLength,
      rowId: auditChecks.lastEventId,
      hash: auditChecks.lastHash,
    })
    .from(auditChecks)
    .where(and(eq(auditChecks.clinicId, p("clinicId")), eq(auditChecks.status, "ok")))
    .orderBy(desc(sql`rowid`))
    .limit(1)
    .prepare(),
}));

/** Where the clinic's next check starts: the end of its last good one, or the first row. */
function resumePoint(db: DbOrTx, clinicId: string): ChainPoint {
  return statements(db).lastGood.get({ clinicId }) ?? CHAIN_START;
}

function record(db: Db, report: ClinicChainReport, at: Date) {
  db.insert(auditChecks)
    .values({
      clinicId: report.clinicId,
      checkedAt: at,
      status: report.broken ? "broken" : "ok",
      rowsChecked: report.rowsChecked,
      chainLength: report.end.position,
      lastEventId: report.end.rowId,
      lastHash: report.end.hash,
      brokenEventId: report.broken?.rowId ?? null,
      brokenPosition: report.broken?.position ?? null,
      problem: report.broken?.problem ?? null,
    })
    .run();
}

export interface AuditCheckResult {
  clinicId: string;
  status: "ok" | "broken";
  rowsChecked: number;
}

/**
 * The scheduled check (decision 021): each clinic's chain from where its last good check ended to
 * its latest row, so a check reads only what was added since. Each result is recorded, with a
 * sync to disk, before its anchor line is logged, so a logged anchor is never ahead of the
 * database. A failure is logged as an error and shown to the clinic's admins.
 *
 * Rows before the resume point are not read again: an edit there is found by a full run
 * (`npm run audit:verify`) and by the anchors kept outside the database.
 */
export async function runAuditChecks(options: {
  db: Db;
  now?: Date;
  log?: (line: string) => void;
  warn?: (line: string) => void;
}): Promise<AuditCheckResult[]> {
  const { db } = options;
  const log = options.log ?? console.log;
  const warn = options.warn ?? console.error;
  const results: AuditCheckResult[] = [];
  for (const { id: clinicId } of db.select({ id: clinics.id }).from(clinics).all()) {
    const report = await verifyClinicChain({
      sqlite: db.$client,
      clinicId,
      from: resumePoint(db, clinicId),
    });
    const at = options.now ?? new Date();
    record(db, report, at);
    const { broken } = report;
    if (broken) {
      warn(
        `[audit] chain broken clinic=${clinicId} row=${broken.rowId ?? "none"} position=${broken.position} problem=${broken.problem} at=${at.toISOString()}`,
      );
    } else {
      log(anchorLine({ clinicId, position: report.end.position, hash: report.end.hash }, at));
    }
    results.push({
      clinicId,
      status: broken ? "broken" : "ok",
      rowsChecked: report.rowsChecked,
    });
  }
  return results;
}

/** The clinic's latest check, for the admins' warning: positions and row ids, no content. */
export function getAuditStatus(options: { scope: ClinicScope }) {
  const { scope } = options;
  const timeZone =
    scope.db
      .select({ timeZone: clinics.timeZone })
      .from(clinics)
      .where(eq(clinics.id, scope.clinicId))
      .get()?.timeZone ?? "UTC";
  return {
    timeZone,
    latest: statements(scope.db).latest.get({ clinicId: scope.clinicId }) ?? null,
  };
}
