import type Database from "better-sqlite3";
import { and, asc, desc, eq, gt, lte, sql } from "drizzle-orm";
import { closeSync, fsyncSync, openSync, writeSync } from "node:fs";
import type { Db } from "@/db/engine/types";
import { auditEvents, clinics } from "@/db/schema";
import { eventHash } from "./audit-hash";

/**
 * The audit chain's verifier (decisions 021 and 024). Each clinic's rows are recomputed in the
 * chain's order (`seq`, the order `recordAudit` chains them in) with the writer's hashing, and the
 * first row that does not fit is named. It reads the trail a chunk at a time through the unique
 * (clinic_id, seq) index, so a clinic's millions of rows are never held at once, and it says
 * nothing of any row's content. It runs on either engine.
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

/**
 * One clinic's side of the database, where the verifier reads its chain: the clinic's ClinicData,
 * or a clinic of a database file opened read-only.
 */
export interface ClinicTrail {
  readonly clinicId: string;
  read<T>(fn: (db: Db) => Promise<T>): Promise<T>;
}

/** Reads across clinics (the system path), to list them. */
export interface AllClinics {
  read<T>(fn: (db: Db) => Promise<T>): Promise<T>;
}

/**
 * The columns the verifier reads. The JSON columns come as the text stored, on both engines, so
 * a row whose JSON an intruder broke is reported as edited instead of stopping the check.
 */
const STORED = {
  seq: auditEvents.seq,
  id: auditEvents.id,
  clinicId: auditEvents.clinicId,
  actorKind: auditEvents.actorKind,
  actorId: auditEvents.actorId,
  action: auditEvents.action,
  entityType: auditEvents.entityType,
  entityId: auditEvents.entityId,
  patientId: auditEvents.patientId,
  before: sql<string | null>`cast(${auditEvents.before} as text)`.mapWith(String),
  after: sql<string | null>`cast(${auditEvents.after} as text)`.mapWith(String),
  at: auditEvents.at,
  ip: auditEvents.ip,
  prevHash: auditEvents.prevHash,
  hash: auditEvents.hash,
  hashFormat: auditEvents.hashFormat,
};

/** A row as the verifier reads it: the JSON columns as their text. */
export interface StoredAuditRow {
  seq: number;
  id: string;
  clinicId: string;
  actorKind: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  patientId: string | null;
  before: string | null;
  after: string | null;
  at: Date;
  ip: string | null;
  prevHash: string | null;
  hash: string;
  hashFormat: number;
}

/**
 * The hash the row's content gives, by the writer's rule for the row's format; null when its JSON
 * no longer parses or its format is none the writer knows, neither of which a writer produces
 * (and whose text is never repeated in a message).
 */
export function contentHash(row: StoredAuditRow): string | null {
  if (row.hashFormat !== 1 && row.hashFormat !== 2) return null;
  let before: unknown;
  let after: unknown;
  try {
    before = parseJson(row.before);
    after = parseJson(row.after);
  } catch {
    return null;
  }
  return eventHash({ ...row, hashFormat: row.hashFormat, before, after });
}

function parseJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
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

  /** Checks the next row in the chain's order; false once the chain is broken. */
  step(row: StoredAuditRow): boolean {
    if (this.broken) return false;
    const position = this.end.position + 1;
    const problem: ChainProblem | null =
      contentHash(row) !== row.hash
        ? "hash-mismatch"
        : row.prevHash !== this.end.hash
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

/** Every statement the verifier runs, each through the (clinic_id, seq) index; a test explains each. */
export const VERIFY_STATEMENTS = {
  /** The row a check resumes from. */
  resumeRow: (db: Db, clinicId: string, rowId: string) =>
    db
      .select(STORED)
      .from(auditEvents)
      .where(and(eq(auditEvents.clinicId, clinicId), eq(auditEvents.id, rowId)))
      .limit(1),
  /** The clinic's latest row when the check starts: rows added during it wait for the next. */
  lastSeq: (db: Db, clinicId: string) =>
    db
      .select({ seq: auditEvents.seq })
      .from(auditEvents)
      .where(eq(auditEvents.clinicId, clinicId))
      .orderBy(desc(auditEvents.seq))
      .limit(1),
  /** The next rows of the chain after `after`, up to `last`. */
  chunk: (db: Db, clinicId: string, after: number, last: number, size: number) =>
    db
      .select(STORED)
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.clinicId, clinicId),
          gt(auditEvents.seq, after),
          lte(auditEvents.seq, last),
        ),
      )
      .orderBy(asc(auditEvents.seq))
      .limit(size),
};

/** Enough rows per statement to keep the overhead small, few enough to pause often. */
const CHUNK_ROWS = 1_000;

/** Lets the server answer requests between chunks; a script has nothing else to do. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Verifies one clinic's chain, from its first row or from a point an earlier check verified (that
 * row must still be there, unchanged), up to its latest row when the check starts. Anchors are
 * checked at their positions; one past the end is reported as missing rows. Each chunk is a read
 * of its own, so a long check never holds a transaction open.
 */
export async function verifyClinicChain(options: {
  data: ClinicTrail;
  from?: ChainPoint;
  anchors?: readonly Anchor[];
  chunkSize?: number;
  pause?: () => Promise<void>;
  /** Told the rows checked so far after each chunk, for a long run's progress. */
  progress?: (rowsChecked: number) => void;
}): Promise<ClinicChainReport> {
  const { data } = options;
  const { clinicId } = data;
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
  const read = <T>(fn: (db: Db) => Promise<T>) => data.read(fn);

  let after = 0;
  if (from.rowId !== null) {
    const rowId = from.rowId;
    const [row] = await read((db) => VERIFY_STATEMENTS.resumeRow(db, clinicId, rowId));
    if (!row) {
      walker.broken = { position: from.position, rowId, problem: "missing" };
      return report();
    }
    if (row.hash !== from.hash || contentHash(row) !== row.hash) {
      walker.broken = { position: from.position, rowId, problem: "hash-mismatch" };
      return report();
    }
    after = row.seq;
  }
  const [latest] = await read((db) => VERIFY_STATEMENTS.lastSeq(db, clinicId));
  const last = latest?.seq ?? null;
  while (last !== null && after < last && !walker.broken) {
    const rows = await read((db) => VERIFY_STATEMENTS.chunk(db, clinicId, after, last, chunkSize));
    for (const row of rows) {
      after = row.seq;
      if (!walker.step(row)) break;
    }
    options.progress?.(walker.rowsChecked);
    await pause();
    if (rows.length < chunkSize) break;
  }
  walker.finish();
  return report();
}

/** The clinics of a database, for a check or an anchor of each. */
export async function clinicIds(system: AllClinics): Promise<string[]> {
  const rows = await system.read((db) =>
    db.select({ id: clinics.id }).from(clinics).orderBy(asc(clinics.id)),
  );
  return rows.map((c) => c.id);
}

/** The statements of a backup's anchors, on the SQLite file itself. */
export const ANCHOR_STATEMENTS = {
  clinics: "select id from clinics order by id",
  length: "select count(*) as n from audit_events where clinic_id = ?",
  head: "select hash from audit_events where clinic_id = ? order by seq desc limit 1",
} as const;

/**
 * Each clinic's chain length and latest hash as they stand in a backup, a SQLite file, for its
 * anchor file: counted through the (clinic_id, seq) index, without recomputing anything.
 */
export function chainHeads(sqlite: Database.Database, clinicIds: readonly string[]): Anchor[] {
  const length = sqlite.prepare(ANCHOR_STATEMENTS.length);
  const head = sqlite.prepare(ANCHOR_STATEMENTS.head);
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

/**
 * Writes the anchor of every clinic's chain in the database at `databaseFile` (a backup, which is
 * a SQLite file: PostgreSQL's are its own dumps, anchored by the scheduled check's log lines)
 * beside it, as `<file>.anchor.json`, synced to disk; never over an existing file.
 */
export function writeAnchorFile(
  sqlite: Database.Database,
  databaseFile: string,
  at = new Date(),
): { file: string; anchors: Anchor[] } {
  const clinics = sqlite.prepare(ANCHOR_STATEMENTS.clinics).all() as { id: string }[];
  const anchors = chainHeads(
    sqlite,
    clinics.map((c) => c.id),
  );
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
