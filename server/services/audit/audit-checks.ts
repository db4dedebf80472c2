import { desc, eq } from "drizzle-orm";
import { auditChecks, clinics } from "@/db/schema";
import {
  CHAIN_START,
  anchorLine,
  clinicIds,
  verifyClinicChain,
  type ChainPoint,
  type ClinicChainReport,
} from "@/server/audit-verify";
import type { ClinicData, SystemData } from "@/server/data/clinic-data";
import type { ClinicScope } from "../scope";

// A clinic's checks in the order they were recorded: ids are UUIDv7, which sort by creation,
// whereas `checked_at` is whatever instant the check was told (a test's, or a clock set back).
const newestFirst = desc(auditChecks.id);

/** Where the clinic's next check starts: the end of its last good one, or the first row. */
async function resumePoint(data: ClinicData): Promise<ChainPoint> {
  const [lastGood] = await data.read((db) =>
    db
      .select({
        position: auditChecks.chainLength,
        rowId: auditChecks.lastEventId,
        hash: auditChecks.lastHash,
      })
      .from(auditChecks)
      .where(data.mine(auditChecks, eq(auditChecks.status, "ok")))
      .orderBy(newestFirst)
      .limit(1),
  );
  return lastGood ?? CHAIN_START;
}

async function record(data: ClinicData, report: ClinicChainReport, at: Date): Promise<void> {
  await data.write(async (tx) => {
    await tx.insert(auditChecks).values(
      data.stamp({
        checkedAt: at,
        status: report.broken ? ("broken" as const) : ("ok" as const),
        rowsChecked: report.rowsChecked,
        chainLength: report.end.position,
        lastEventId: report.end.rowId,
        lastHash: report.end.hash,
        brokenEventId: report.broken?.rowId ?? null,
        brokenPosition: report.broken?.position ?? null,
        problem: report.broken?.problem ?? null,
      }),
    );
  });
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
  system: SystemData;
  now?: Date;
  log?: (line: string) => void;
  warn?: (line: string) => void;
}): Promise<AuditCheckResult[]> {
  const { system } = options;
  const log = options.log ?? console.log;
  const warn = options.warn ?? console.error;
  const results: AuditCheckResult[] = [];
  for (const clinicId of await clinicIds(system)) {
    const data = system.forClinic(clinicId);
    const report = await verifyClinicChain({ data, from: await resumePoint(data) });
    const at = options.now ?? new Date();
    await record(data, report, at);
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
export async function getAuditStatus(options: { scope: ClinicScope }) {
  const { data } = options.scope;
  return data.read(async (db) => {
    const [clinic] = await db
      .select({ timeZone: clinics.timeZone })
      .from(clinics)
      .where(data.clinicIs(clinics.id))
      .limit(1);
    const [latest] = await db
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
      .where(data.mine(auditChecks))
      .orderBy(newestFirst)
      .limit(1);
    return { timeZone: clinic?.timeZone ?? "UTC", latest: latest ?? null };
  });
}
