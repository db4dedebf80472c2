import type Database from "better-sqlite3";
import { closeSync, fsyncSync, openSync, writeSync } from "node:fs";
import { chainedAuditRow } from "./audit";
import type { ActorKind } from "@/db/schema/enums";

/**
 * The audit chain's verifier (decision 021). Each clinic's rows are recomputed in insertion order
 * (rowid, the order `recordAudit` chains them in) with the same hashing, and the first row that
 * does not fit is named. It reads the trail a chunk at a time through the (clinic_id) index, so a
 * clinic's millions of rows are never held at once, and it says nothing of any row's content.
 */

/** What is wrong at the first break. */
export const CHAIN_PROBLEMS = [
  /** The row's content no longer hashes to its stored hash: it was edited. */
  "hash-mismatch",
  /** The row's link does not match the row before it: a row was removed, or edited and rehashed. */
  "link-broken",
  /** A row that an earlier check or an anchor saw is not there any more. */
  "missing",
  /** The chain holds another hash where an anchor recorded one: it was rewritten. */
  "anchor-mismatch",
] as const;
export type ChainProblem = (typeof CHAIN_PROBLEMS)[number];

/** A point of a clinic's chain: how many rows lead up to it, and the row there (none at 0). */
export interface ChainPoint {
  position: number;
  rowId: string | null;
  hash: string | null;
}

export const CHAIN_START: ChainPoint = { position: 0, rowId: null, hash: null };

/** The first row that does not fit; no row when rows have gone from the end. */
export interface ChainBreak {
  position: number;
  rowId: string | null;
  problem: ChainProblem;
}

/** A hash recorded outside the database: the clinic's chain had `position` rows, ending in it. */
export interface Anchor {
  clinicId: string;
  position: number;
  hash: string | null;
}

export interface ClinicChainReport {
  clinicId: string;
  /** Rows recomputed by this check (after its starting point). */
  rowsChecked: number;
  /** The last row that verified: where the next check may resume. */
  end: ChainPoint;
  broken: ChainBreak | null;
}

/** A row as SQLite stores it. */
export interface StoredAuditRow {
  rowid: number;
  id: string;
  clinic_id: string;
  actor_kind: ActorKind;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  patient_id: string | null;
  before: string | null;
  after: string | null;
  at: number;
  ip: string | null;
  prev_hash: string | null;
  hash: string;
}

/**
 * The hash the row's content gives, by the writer's own function; null when its JSON no longer
 * parses, which no writer produces (and whose text is never repeated in a message).
 */
export function contentHash(row: StoredAuditRow): string | null {
  let before: Record<string, unknown> | null;
  let after: Record<string, unknown> | null;
  try {
    before = parseJson(row.before);
    after = parseJson(row.after);
  } catch {
    return null;
  }
  return chainedAuditRow(
    {
      clinicId: row.clinic_id,
      actorKind: row.actor_kind,
      actorId: row.actor_id,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      patientId: row.patient_id,
      before,
      after,
      ip: row.ip,
      at: new Date(row.at),
    },
    row.prev_hash,
  ).hash;
}

function parseJson(text: string | null): Record<string, unknown> | null {
  return text === null ? null : (JSON.parse(text) as Record<string, unknown>);
}

/**
 * Walks one clinic's chain a row at a time, from a point already verified: pure, so the reader may
 * feed it rows in chunks. After the first break it takes no more rows.
 */
export class ChainWalker {
  end: ChainPoint;
  rowsChecked = 0;
  broken: ChainBreak | null = null;
  private readonly anchors: ReadonlyMap<number, string | null>;

  constructor(from: ChainPoint, anchors: readonly Anchor[] = []) {
    this.end = from;
    this.anchors = new Map(anchors.map((a) => [a.position, a.hash]));
  }

  /** Checks the next row in insertion order; false once the chain is broken. */
  step(row: StoredAuditRow): boolean {
    if (this.broken) return false;
    const position = this.end.position + 1;
    const problem: ChainProblem | null =
      contentHash(row) !== row.hash
        ? "hash-mismatch"
        : row.prev_hash !== this.end.hash
          ? "link-broken"
          : this.anchors.has(position) && this.anchors.get(position) !== row.hash
            ? "anchor-mismatch"
            : null;
    if (problem) {
      this.broken = { position, rowId: row.id, problem };
      return false;
    }
    this.end = { position, rowId: row.id, hash: row.hash };
    this.rowsChecked += 1;
    return true;
  }

  /** After the last row: an anchor beyond the end saw rows that are gone. */
  finish(): ChainBreak | null {
    if (this.broken) return this.broken;
    const beyond = [...this.anchors.keys()].filter((p) => p > this.end.position);
    if (beyond.length > 0) {
      this.broken = { position: Math.min(...beyond), rowId: null, problem: "missing" };
    }
    return this.broken;
  }
}

const COLUMNS =
  "rowid, id, clinic_id, actor_kind, actor_id, action, entity_type, entity_id, patient_id, before, after, at, ip, prev_hash, hash";

/** Every statement the verifier runs; the query-plan test explains each. */
export const VERIFY_STATEMENTS = {
  /** The clinic's latest row when the check starts: rows added during it wait for the next. */
  lastRowid: "select rowid from audit_events where clinic_id = ? order by rowid desc limit 1",
  resumeRow: `select ${COLUMNS} from audit_events where id = ? and clinic_id = ?`,
  chunk: `select ${COLUMNS} from audit_events where clinic_id = ? and rowid > ? and rowid <= ? order by rowid limit ?`,
  heads: "select hash from audit_events where clinic_id = ? order by rowid desc limit 1",
  length: "select count(*) as n from audit_events where clinic_id = ?",
} as const;

/** Enough rows per statement to keep the overhead small, few enough to pause often. */
const CHUNK_ROWS = 1_000;

/** Lets the server answer requests between chunks; a script has nothing else to do. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Verifies one clinic's chain, from its first row or from a point an earlier check verified (that
 * row must still be there, unchanged), up to its latest row when the check starts. Anchors are
 * checked at their positions; one past the end is reported as missing rows.
 */
export async function verifyClinicChain(options: {
  sqlite: Database.Database;
  clinicId: string;
  from?: ChainPoint;
  anchors?: readonly Anchor[];
  chunkSize?: number;
  pause?: () => Promise<void>;
  /** Told the rows checked so far after each chunk, for a long run's progress. */
  progress?: (rowsChecked: number) => void;
}): Promise<ClinicChainReport> {
  const { sqlite, clinicId } = options;
  const from = options.from ?? CHAIN_START;
  const pause = options.pause ?? nextTurn;
  const chunkSize = options.chunkSize ?? CHUNK_ROWS;
  const anchors = (options.anchors ?? []).filter((a) => a.clinicId === clinicId);
  const walker = new ChainWalker(from, anchors);
  const report = (): ClinicChainReport => ({
    clinicId,
    rowsChecked: walker.rowsChecked,
    end: walker.end,
    broken: walker.broken,
  });

  let after = 0;
  if (from.rowId !== null) {
    const row = sqlite.prepare(VERIFY_STATEMENTS.resumeRow).get(from.rowId, clinicId) as
      StoredAuditRow | undefined;
    if (!row) {
      walker.broken = { position: from.position, rowId: from.rowId, problem: "missing" };
      return report();
    }
    if (row.hash !== from.hash || contentHash(row) !== row.hash) {
      walker.broken = { position: from.position, rowId: from.rowId, problem: "hash-mismatch" };
      return report();
    }
    after = row.rowid;
  }
  const last =
    (sqlite.prepare(VERIFY_STATEMENTS.lastRowid).get(clinicId) as { rowid: number } | undefined)
      ?.rowid ?? null;
  const chunk = sqlite.prepare(VERIFY_STATEMENTS.chunk);
  while (last !== null && after < last && !walker.broken) {
    let read = 0;
    for (const row of chunk.iterate(clinicId, after, last, chunkSize) as Iterable<StoredAuditRow>) {
      read += 1;
      after = row.rowid;
      if (!walker.step(row)) break;
    }
    options.progress?.(walker.rowsChecked);
    await pause();
    if (read < chunkSize) break;
  }
  walker.finish();
  return report();
}

/**
 * Each clinic's chain length and latest hash as it stands, for an anchor file: counted through the
 * clinic index, without recomputing anything.
 */
export function chainHeads(sqlite: Database.Database, clinicIds: readonly string[]): Anchor[] {
  const length = sqlite.prepare(VERIFY_STATEMENTS.length);
  const head = sqlite.prepare(VERIFY_STATEMENTS.heads);
  return clinicIds.map((clinicId) => ({
    clinicId,
    position: (length.get(clinicId) as { n: number }).n,
    hash: (head.get(clinicId) as { hash: string } | undefined)?.hash ?? null,
  }));
}

/** The anchor as a log line: a hash and a count, never any row's content. */
export function anchorLine(anchor: Anchor, at: Date): string {
  return `[audit] anchor clinic=${anchor.clinicId} rows=${anchor.position} hash=${anchor.hash ?? "none"} at=${at.toISOString()}`;
}

/** The anchor file a backup writes beside itself. */
export interface AnchorFile {
  kind: "rehabit-audit-anchor";
  version: 1;
  at: string;
  clinics: { clinicId: string; rows: number; hash: string | null }[];
}

export function anchorFile(anchors: readonly Anchor[], at: Date): AnchorFile {
  return {
    kind: "rehabit-audit-anchor",
    version: 1,
    at: at.toISOString(),
    clinics: anchors.map((a) => ({ clinicId: a.clinicId, rows: a.position, hash: a.hash })),
  };
}

const ANCHOR_LINE = /\[audit\] anchor clinic=(\S+) rows=(\d+) hash=([0-9a-f]{64}|none)/g;

/** Anchors from a backup's anchor file, or from server log lines kept elsewhere. */
export function parseAnchors(text: string): Anchor[] {
  if (text.trimStart().startsWith("{")) {
    const file = JSON.parse(text) as Partial<AnchorFile>;
    if (file.kind !== "rehabit-audit-anchor" || !Array.isArray(file.clinics)) {
      throw new Error("This is not a Rehabit anchor file: no anchors in it.");
    }
    return file.clinics.map((c) => ({ clinicId: c.clinicId, position: c.rows, hash: c.hash }));
  }
  const anchors = [...text.matchAll(ANCHOR_LINE)].map((m) => ({
    clinicId: m[1]!,
    position: Number(m[2]),
    hash: m[3] === "none" ? null : m[3]!,
  }));
  if (anchors.length === 0) {
    throw new Error('There are no anchors in this file: expected "[audit] anchor ..." lines.');
  }
  return anchors;
}

/** The clinics of a database, for a check or an anchor of each. */
export function clinicIds(sqlite: Database.Database): string[] {
  return (sqlite.prepare("select id from clinics order by id").all() as { id: string }[]).map(
    (c) => c.id,
  );
}

/**
 * Writes the anchor of every clinic's chain in the database at `databaseFile` (a backup) beside
 * it, as `<file>.anchor.json`, synced to disk; never over an existing file.
 */
export function writeAnchorFile(
  sqlite: Database.Database,
  databaseFile: string,
  at = new Date(),
): { file: string; anchors: Anchor[] } {
  const anchors = chainHeads(sqlite, clinicIds(sqlite));
  const file = `${databaseFile}.anchor.json`;
  const fd = openSync(file, "wx");
  try {
    writeSync(fd, `${JSON.stringify(anchorFile(anchors, at), null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { file, anchors };
}
