import { existsSync, readFileSync, writeFileSync } from "node:fs";

/**
 * What a bench database was built from, kept next to it. A database is reused only when the
 * generator and the size match; its `now` is reused too, so a clinic built last week is still
 * measured on the day its history ends rather than with a week of missed check-ins.
 */
export interface Stamp {
  generator: string;
  patients: number;
  days: number;
  now: string;
  buildSeconds: number;
  /** PostgreSQL: the server and database it describes (a SQLite stamp sits beside its file). */
  database?: string;
}

export function readStamp(file: string): Stamp | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Stamp;
  } catch {
    // An older plain-text stamp, or a half-written one: build again.
    return null;
  }
}

export function writeStamp(file: string, stamp: Stamp) {
  writeFileSync(file, JSON.stringify(stamp));
}

export function stampMatches(
  stamp: Stamp | null,
  wanted: Pick<Stamp, "generator" | "patients" | "days">,
): stamp is Stamp {
  return (
    stamp !== null &&
    stamp.generator === wanted.generator &&
    stamp.patients === wanted.patients &&
    stamp.days === wanted.days &&
    !Number.isNaN(Date.parse(stamp.now))
  );
}
