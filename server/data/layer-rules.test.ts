import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Issue 13: services reach the database only through the clinic-bound layer (server/data), so the
 * clinic filter is written once and cannot be forgotten. The imports are also banned by the lint
 * rule in eslint.config.mjs; this test covers what a lint selector cannot: a filter written by hand.
 */
const SERVICES = path.join(process.cwd(), "server", "services");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/** `eq(x.clinicId, y)` or `eq(y, x.clinicId)` where y is not another table's clinic column. */
export function handWrittenClinicFilters(source: string): string[] {
  const found: string[] = [];
  // An argument may hold one call of its own, e.g. a placeholder: eq(x.clinicId, p("clinicId")).
  const arg = String.raw`((?:[^,()]|\([^()]*\))+?)`;
  const call = new RegExp(String.raw`\beq\(\s*${arg}\s*,\s*${arg}\s*\)`, "g");
  for (const match of source.matchAll(call)) {
    const [, left, right] = match as unknown as [string, string, string];
    const isClinicColumn = (s: string) => /\.clinicId$/.test(s) && !/scope|data|input|options/i.test(s);
    const namesClinic = (s: string) => /clinicId"?\)?$/.test(s);
    const clinicKey = (s: string) => isClinicColumn(s) || /^clinics\.id$/.test(s);
    const join = clinicKey(left) && clinicKey(right);
    const clinicRow = /^clinics\.id$/.test(left) || /^clinics\.id$/.test(right);
    if (!join && (clinicRow || namesClinic(left) || namesClinic(right))) found.push(match[0]);
  }
  return found;
}

const BANNED_IMPORTS = [
  /from "@\/db\/client"/,
  /from "@\/db\/engine(\/(index|sqlite|pg))?"/,
  /from "better-sqlite3"/,
  /from "pg"/,
  /from "drizzle-orm\/(better-sqlite3|node-postgres|sqlite-core)"/,
];

describe("services and the clinic-bound layer", () => {
  const files = sourceFiles(SERVICES);

  it("finds the service files", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it("the detector sees a hand-written filter and lets a join through", () => {
    expect(handWrittenClinicFilters("where(eq(patients.clinicId, scope.clinicId))")).toHaveLength(1);
    expect(handWrittenClinicFilters("and(eq(users.id, id), eq(users.clinicId, clinicId))")).toHaveLength(1);
    expect(handWrittenClinicFilters("where(eq(clinics.id, scope.clinicId))")).toHaveLength(1);
    expect(handWrittenClinicFilters('where(eq(alerts.clinicId, p("clinicId")))')).toHaveLength(1);
    expect(handWrittenClinicFilters("on(eq(programs.clinicId, patients.clinicId))")).toHaveLength(0);
    expect(handWrittenClinicFilters("on(eq(clinics.id, users.clinicId))")).toHaveLength(0);
    expect(handWrittenClinicFilters("where(data.mine(patients, eq(patients.id, id)))")).toHaveLength(0);
  });

  it("no service writes the clinic filter by hand", () => {
    const offenders = files.flatMap((file) =>
      handWrittenClinicFilters(readFileSync(file, "utf8")).map(
        (hit) => `${path.relative(process.cwd(), file)}: ${hit}`,
      ),
    );
    expect(offenders).toEqual([]);
  });

  it("no service imports a database client or engine", () => {
    const offenders = files.flatMap((file) => {
      const source = readFileSync(file, "utf8");
      return BANNED_IMPORTS.filter((rule) => rule.test(source)).map(
        (rule) => `${path.relative(process.cwd(), file)}: ${rule.source}`,
      );
    });
    expect(offenders).toEqual([]);
  });
});
