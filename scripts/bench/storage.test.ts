import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import {
  formatStorage,
  groupStorage,
  measureStorage,
  pgStorage,
  type StorageReport,
} from "./storage";

// dbstat works on an in-memory database too: no file needed.
const sqlite = new Database(":memory:");
afterAll(() => sqlite.close());
sqlite.exec(`
  create table notes (id text primary key not null, code text not null unique, body text, kind text);
  create index notes_kind_idx on notes (kind) where kind is not null;
  create table counters (id integer primary key, n integer);
`);
const insert = sqlite.prepare("insert into notes values (?, ?, ?, ?)");
sqlite.transaction(() => {
  for (let i = 0; i < 500; i++)
    insert.run(
      `note-${String(i).padStart(5, "0")}`,
      `code-${i}`,
      "x".repeat(200),
      i % 2 ? "a" : null,
    );
})();
sqlite.exec("insert into counters (n) values (1), (2)");

describe("measureStorage", () => {
  const report = measureStorage(sqlite);
  const notes = report.tables.find((t) => t.name === "notes")!;

  it("puts each index under its table and says why it exists", () => {
    expect(notes.rows).toBe(500);
    expect(
      notes.indexes.map((i) => [i.columns.join(","), i.origin, i.partial, i.entries]).sort(),
    ).toEqual([
      ["code", "u", false, 500],
      ["id", "pk", false, 500],
      ["kind", "c", true, 250],
    ]);
    // An integer primary key is the rowid: no index of its own.
    expect(report.tables.find((t) => t.name === "counters")).toMatchObject({
      rows: 2,
      indexes: [],
    });
  });

  it("accounts for every page of the file, largest table first", () => {
    const pages = report.tables.reduce(
      (sum, t) => sum + t.bytes + t.indexes.reduce((s, i) => s + i.bytes, 0),
      0,
    );
    expect(pages + report.freeBytes).toBe(report.fileBytes);
    expect(report.tables[0]!.name).toBe("notes");
    expect(report.tables.map((t) => t.name)).toContain("sqlite_schema");
  });
});

describe("formatStorage", () => {
  const MB = 1024 * 1024;
  const report: StorageReport = groupStorage(
    [
      { name: "check_ins", bytes: 60 * MB, leafCells: 600_000, cells: 600_010 },
      { name: "sqlite_autoindex_check_ins_1", bytes: 20 * MB, leafCells: 590_000, cells: 600_000 },
      { name: "check_ins_patient_day_idx", bytes: 18 * MB, leafCells: 590_000, cells: 600_000 },
      { name: "clinics", bytes: 4096, leafCells: 1, cells: 1 },
      { name: "sqlite_schema", bytes: 8192, leafCells: 40, cells: 40 },
    ],
    [
      { name: "check_ins", table: "check_ins" },
      {
        name: "sqlite_autoindex_check_ins_1",
        table: "check_ins",
        index: { columns: ["id"], origin: "pk", partial: false },
      },
      {
        name: "check_ins_patient_day_idx",
        table: "check_ins",
        index: { columns: ["patient_id", "day"], origin: "c", partial: false },
      },
      { name: "clinics", table: "clinics" },
    ],
    // 98 MB + 12 KB of b-trees and 2 MB - 12 KB free: a 100 MB file.
    { pageSize: 4096, pageCount: 25_600, freePages: 512 - 3 },
  );
  const lines = formatStorage(report, 100);

  it("leads with the file's size per patient-year and what the indexes take", () => {
    expect(lines[0]).toBe("Storage: 100.0 MB for 100 patient-years: 1024 KB per patient-year.");
    expect(lines[1]).toBe(
      "  Tables 60.0 MB, indexes 38.0 MB (38.0 %, of which 20.0 MB index text primary keys), free pages 2.0 MB.",
    );
  });

  it("lists each table with its rows, megabytes, share and bytes per row, its indexes below it", () => {
    const body = lines.slice(3).map((l) => l.trim().split(/\s{2,}/));
    expect(body).toEqual([
      // (60 + 20 + 18) MB over 600,000 rows.
      ["check_ins", "600,000", "60.0", "38.0", "98.0 %", "171"],
      ["sqlite_autoindex_check_ins_1 (id) primary key", "20.0", "20.0 %"],
      ["check_ins_patient_day_idx (patient_id, day)", "18.0", "18.0 %"],
      // Under 0.1 % of the file each: summed.
      ["2 small tables", "41", "0.0", "0.0 %"],
    ]);
  });

  it("gives no per-patient figure for a database without patients", () => {
    expect(formatStorage(report, 0)[0]).toBe("Storage: 100.0 MB for 0 patient-years.");
  });
});

describe("pgStorage", () => {
  const MB = 1024 * 1024;
  // What PostgreSQL's catalog gives: sizes and counts as text (bigint), an index's estimate.
  const report = pgStorage(
    [
      { name: "check_ins", bytes: String(60 * MB), total: String(98 * MB), rows: "600000" },
      { name: "clinics", bytes: "16384", total: "32768", rows: "1" },
    ],
    [
      {
        name: "check_ins_pkey",
        table: "check_ins",
        bytes: String(20 * MB),
        entries: 600_000,
        primary: true,
        constraint: false,
        partial: false,
        columns: ["id"],
      },
      {
        name: "check_ins_idempotency_key_unique",
        table: "check_ins",
        bytes: String(18 * MB),
        entries: 600_000,
        primary: false,
        constraint: true,
        partial: false,
        columns: ["idempotency_key"],
      },
      {
        name: "clinics_pkey",
        table: "clinics",
        bytes: "16384",
        entries: 1,
        primary: true,
        constraint: false,
        partial: false,
        columns: [null],
      },
    ],
    8192,
  );

  it("takes each table's total as its share of the database, its indexes under it", () => {
    expect(report.fileBytes).toBe(98 * MB + 32768);
    expect(report.freeBytes).toBe(0);
    const checkIns = report.tables[0]!;
    expect(checkIns).toMatchObject({ name: "check_ins", bytes: 60 * MB, rows: 600_000 });
    expect(checkIns.indexes.map((i) => [i.name, i.origin, i.bytes])).toEqual([
      ["check_ins_pkey", "pk", 20 * MB],
      ["check_ins_idempotency_key_unique", "u", 18 * MB],
    ]);
    expect(report.tables[1]!.indexes[0]!.columns).toEqual(["<expr>"]);
  });

  it("prints no free pages, which PostgreSQL does not have", () => {
    expect(formatStorage(report, 1)[1]).toBe(
      "  Tables 60.0 MB, indexes 38.0 MB (38.8 %, of which 20.0 MB index text primary keys).",
    );
  });
});
