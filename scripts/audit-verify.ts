import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { engineKind } from "@/db/engine-kind";
import { openPgEngine } from "@/db/engine/pg";
import type { Db } from "@/db/engine/types";
import { defaultDatabasePath } from "@/db/path";
import {
  anchorLine,
  clinicIds,
  parseAnchors,
  verifyClinicChain,
  type AllClinics,
  type Anchor,
  type ChainBreak,
  type ClinicTrail,
} from "@/server/audit-verify";
import { systemData } from "@/server/data/clinic-data";
import { arg } from "./bench/args";

/**
 * `npm run audit:verify [-- --anchor <file>] [-- --database <file or postgres:// address>]`:
 * recomputes every clinic's audit chain from its first row (decisions 021 and 024) and prints, per
 * clinic, the rows checked, the latest hash and OK or the first broken row; with `--anchor`, also
 * checks that the chain still holds each hash of a backup's anchor file (or of "[audit] anchor"
 * lines kept from the server's log) at its position. It reads only, and migrates nothing: a SQLite
 * file is opened read-only, PostgreSQL (DATABASE_URL) is read in read-only transactions, so it is
 * safe while the servers run. Exits 1 when a chain is broken, 2 when it cannot run.
 */

const PROBLEM_WORDS: Record<ChainBreak["problem"], string> = {
  "hash-mismatch": "the row was changed after it was written",
  "link-broken": "a row before it was removed, or changed and re-hashed",
  missing: "rows the anchor saw are no longer there",
  "anchor-mismatch": "the chain holds another hash where the anchor recorded one: it was rewritten",
};

const PROGRESS_EVERY_MS = 5_000;

function describeBreak(b: ChainBreak): string {
  const row = b.rowId ? ` (row ${b.rowId})` : "";
  return `BROKEN at position ${b.position}${row}: ${b.problem}, ${PROBLEM_WORDS[b.problem]}`;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//;

/** The database to check, and how to read it across clinics and one clinic at a time. */
interface Trail {
  name: string;
  all: AllClinics;
  clinic: (clinicId: string) => ClinicTrail;
  close: () => Promise<void>;
}

/** PostgreSQL through the engine, without running its migrations: a check changes nothing. */
function openPostgres(url: string): Trail {
  const engine = openPgEngine(url, { migrate: false });
  const system = systemData(engine);
  return {
    name: "the PostgreSQL database",
    all: system,
    clinic: (clinicId) => system.forClinic(clinicId),
    close: () => engine.close(),
  };
}

/** A SQLite file on a read-only connection: no writer, no migration, nothing to lock. */
function openSqliteFile(file: string): Trail {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  const chained = sqlite
    .prepare("select 1 from pragma_table_info('audit_events') where name = 'seq'")
    .get();
  if (chained === undefined) {
    sqlite.close();
    throw new Error(
      "this database predates the audit chain's own order (migration 0010_audit-seq). Let Rehabit migrate a copy of it (start it once with DATABASE_PATH set to the copy), then check the copy.",
    );
  }
  // The one cast at this boundary, as the engine makes it: the verifier is written against the
  // PostgreSQL builder types both engines run.
  const db = drizzle(sqlite) as unknown as Db;
  const read = <T>(fn: (db: Db) => Promise<T>) => fn(db);
  return {
    name: file,
    all: { read },
    clinic: (clinicId) => ({ clinicId, read }),
    close: async () => {
      sqlite.close();
    },
  };
}

async function main(): Promise<number> {
  const pg = engineKind() === "pg";
  const target = arg("database") ?? (pg ? process.env.DATABASE_URL! : defaultDatabasePath());
  const anchorPath = arg("anchor");
  if (POSTGRES_URL.test(target) !== pg) {
    // db/schema hands out the tables of DATABASE_URL's engine: another engine could not use them.
    console.error(
      pg
        ? "DATABASE_URL names PostgreSQL: unset it to check a SQLite file."
        : "To check PostgreSQL, set DATABASE_URL to its postgres:// address.",
    );
    return 2;
  }
  const file = pg ? null : path.resolve(target);
  if (file !== null && !existsSync(file)) {
    console.error(
      `There is no database at ${file}. Check DATA_DIR or DATABASE_PATH, or give --database.`,
    );
    return 2;
  }
  let anchors: Anchor[] = [];
  if (anchorPath !== undefined) {
    try {
      anchors = parseAnchors(readFileSync(anchorPath, "utf8"));
    } catch (error) {
      console.error(
        `The anchor file ${anchorPath} cannot be used: ${error instanceof Error ? error.message : String(error)}`,
      );
      return 2;
    }
  }
  const trail = file === null ? openPostgres(target) : openSqliteFile(file);
  try {
    const clinics = await clinicIds(trail.all);
    const anchoredElsewhere = [...new Set(anchors.map((a) => a.clinicId))].filter(
      (id) => !clinics.includes(id),
    );
    console.log(
      `Audit trail of ${trail.name}${anchorPath ? `, against the anchors in ${anchorPath}` : ""}`,
    );
    let broken = 0;
    for (const clinicId of clinics) {
      let lastNote = Date.now();
      const report = await verifyClinicChain({
        data: trail.clinic(clinicId),
        anchors,
        pause: async () => undefined,
        progress: (rows) => {
          if (Date.now() - lastNote < PROGRESS_EVERY_MS) return;
          lastNote = Date.now();
          console.error(`  clinic ${clinicId}: ${rows.toLocaleString("en-GB")} rows so far…`);
        },
      });
      const checked = `${report.rowsChecked.toLocaleString("en-GB")} ${report.rowsChecked === 1 ? "row" : "rows"} checked`;
      const latest = `latest hash ${report.end.hash ?? "none (no rows)"}`;
      if (report.broken) {
        broken += 1;
        console.log(`clinic ${clinicId}: ${checked}, ${describeBreak(report.broken)}`);
      } else {
        console.log(`clinic ${clinicId}: ${checked}, ${latest}: OK`);
        console.log(anchorLine({ clinicId, ...report.end }, new Date()));
      }
    }
    for (const clinicId of anchoredElsewhere) {
      broken += 1;
      console.log(`clinic ${clinicId}: in the anchors but not in the database: BROKEN (missing)`);
    }
    return broken > 0 ? 1 : 0;
  } finally {
    await trail.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `The check could not run: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(2);
  },
);
