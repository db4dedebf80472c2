import type { PageTiming } from "./pages";
import type { ProcedureTiming } from "./procedures";

/** What one engine's run of `npm run bench` hands back to the run that compares the engines. */
export interface EngineReport {
  engine: "sqlite" | "pg";
  patients: number;
  days: number;
  buildSeconds: number;
  sweep: { refreshed: number; failed: number; ms: number };
  procedures: ProcedureTiming[];
  /** Null when the pages were skipped (`--no-pages`). */
  pages: PageTiming[] | null;
  storageBytes: number;
  passed: boolean;
}

export const ENGINE_NAMES = { sqlite: "SQLite", pg: "PostgreSQL" } as const;

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "—").padStart(9);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const verdict = (v: string | undefined) => (v === undefined ? "—" : v === "PASS" ? "PASS" : "FAIL");

/**
 * One table per part, a row per procedure or page, each engine's p50 and p95 beside the other's
 * and the ratio of the second's p95 to the first's; then the sweep, the build and the storage.
 * Rows one engine lacks show a dash.
 */
export function sideBySide(a: EngineReport, b: EngineReport): string[] {
  const [nameA, nameB] = [ENGINE_NAMES[a.engine], ENGINE_NAMES[b.engine]];
  const table = (
    title: string,
    rowsA: readonly { name: string; p50: number; p95: number; verdict: string }[],
    rowsB: readonly { name: string; p50: number; p95: number; verdict: string }[],
  ) => {
    const names = [...new Set([...rowsA.map((r) => r.name), ...rowsB.map((r) => r.name)])];
    const width = Math.max(title.length, ...names.map((n) => n.length)) + 2;
    const lines = [
      `${title.padEnd(width)}${`${nameA} p50`.padStart(16)}${"p95".padStart(9)}${`${nameB} p50`.padStart(18)}${"p95".padStart(9)}${"p95 ×".padStart(8)}  verdicts`,
    ];
    for (const name of names) {
      const x = rowsA.find((r) => r.name === name);
      const y = rowsB.find((r) => r.name === name);
      const ratio = x && y && x.p95 > 0 ? (y.p95 / x.p95).toFixed(2) : "—";
      lines.push(
        `${name.padEnd(width)}${ms(x?.p50 ?? NaN).padStart(16)}${ms(x?.p95 ?? NaN)}${ms(y?.p50 ?? NaN).padStart(18)}${ms(y?.p95 ?? NaN)}${ratio.padStart(8)}  ${verdict(x?.verdict)} / ${verdict(y?.verdict)}`,
      );
    }
    return lines;
  };
  const perPatientYear = (r: EngineReport) => {
    const years = (r.patients * r.days) / 365;
    return years > 0 ? `, ${(r.storageBytes / 1024 / years).toFixed(0)} KB per patient-year` : "";
  };
  const sweep = (r: EngineReport) =>
    `${(r.sweep.ms / 1000).toFixed(1)} s for ${r.sweep.refreshed} patients (${(r.sweep.ms / Math.max(1, r.sweep.refreshed)).toFixed(2)} ms each)${r.sweep.failed ? `, ${r.sweep.failed} failed` : ""}`;
  const lines = [
    `${nameA} and ${nameB} side by side: the same clinic (${a.patients} × ${a.days} days${a.patients !== b.patients || a.days !== b.days ? ` and ${b.patients} × ${b.days} days` : ""}), the same samples; milliseconds.`,
    "",
    ...table("procedure", a.procedures, b.procedures),
  ];
  if (a.pages || b.pages) lines.push("", ...table("page", a.pages ?? [], b.pages ?? []));
  const label = (s: string) => `  ${s.padEnd(12)}`;
  lines.push(
    "",
    `Sweep of every patient:`,
    `${label(nameA)}${sweep(a)}`,
    `${label(nameB)}${sweep(b)}`,
    `Build of the clinic:`,
    `${label(nameA)}${a.buildSeconds.toFixed(0)} s`,
    `${label(nameB)}${b.buildSeconds.toFixed(0)} s`,
    `Storage:`,
    `${label(nameA)}${mb(a.storageBytes)}${perPatientYear(a)}`,
    `${label(nameB)}${mb(b.storageBytes)}${perPatientYear(b)}`,
  );
  return lines;
}
