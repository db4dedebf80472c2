import Database from "better-sqlite3";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { defaultDatabasePath } from "@/db/path";
import {
  anchorLine,
  clinicIds,
  parseAnchors,
  verifyClinicChain,
  type Anchor,
  type ChainBreak,
} from "@/server/audit-verify";
import { arg } from "./bench/args";

/**
 * `npm run audit:verify [-- --anchor <file>] [-- --database <file>]`: recomputes every clinic's
 * audit chain from its first row (decision 021) and prints, per clinic, the rows checked, the
 * latest hash and OK or the first broken row; with `--anchor`, also checks that the chain still
 * holds each hash of a backup's anchor file (or of "[audit] anchor" lines kept from the server's
 * log) at its position. Opens the database read-only, so it is safe while the server runs.
 * Exits 1 when a chain is broken, 2 when it cannot run.
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

async function main(): Promise<number> {
  const file = path.resolve(arg("database") ?? defaultDatabasePath());
  const anchorPath = arg("anchor");
  if (!existsSync(file)) {
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
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const clinics = clinicIds(sqlite);
    const anchoredElsewhere = [...new Set(anchors.map((a) => a.clinicId))].filter(
      (id) => !clinics.includes(id),
    );
    console.log(
      `Audit trail of ${file}${anchorPath ? `, against the anchors in ${anchorPath}` : ""}`,
    );
    let broken = 0;
    for (const clinicId of clinics) {
      let lastNote = Date.now();
      const report = await verifyClinicChain({
        sqlite,
        clinicId,
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
    sqlite.close();
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
