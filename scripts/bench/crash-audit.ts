import { eventHash } from "@/server/audit-hash";

/** One audit_events row as SQLite returns it (before/after as their JSON text, `at` in ms). */
export interface StoredAuditRow {
  clinicId: string;
  seq: number;
  hashFormat: number;
  actorKind: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  patientId: string | null;
  before: string | null;
  after: string | null;
  at: number;
  ip: string | null;
  prevHash: string | null;
  hash: string;
}

/**
 * The hash server/audit.ts gives a row, worked out again from what is stored, by the rule of the
 * row's format (server/audit-hash.ts): the JSON columns as the objects they hold, the instant as a
 * Date. A format no writer uses gives no hash, so the row shows as not matching.
 */
export function auditHash(row: StoredAuditRow): string | null {
  if (row.hashFormat !== 1 && row.hashFormat !== 2) return null;
  return eventHash({
    ...row,
    hashFormat: row.hashFormat,
    before: row.before === null ? null : (JSON.parse(row.before) as unknown),
    after: row.after === null ? null : (JSON.parse(row.after) as unknown),
    at: new Date(row.at),
  });
}

export interface ChainBreak {
  /** Position in the rows given, 0 = the first. */
  index: number;
  reason: "prev_hash does not link" | "hash does not match the row";
}

/**
 * Walks one clinic's rows in the chain's order (seq) from a known head: each must name the hash of
 * the row before it, and its own hash must be the one its content gives. An edited, removed or
 * half-written row shows as a break.
 */
export function chainBreaks(
  rows: readonly StoredAuditRow[],
  headBefore: string | null,
): ChainBreak[] {
  const breaks: ChainBreak[] = [];
  let previous = headBefore;
  rows.forEach((row, index) => {
    if (row.prevHash !== previous) breaks.push({ index, reason: "prev_hash does not link" });
    if (auditHash(row) !== row.hash) breaks.push({ index, reason: "hash does not match the row" });
    previous = row.hash;
  });
  return breaks;
}
