import type { Db } from "@/db/engine/types";
import { findMeasure } from "@/lib/measures";
import { scoreChange } from "@/lib/measures/scoring";
import type { ClinicData } from "@/server/data/clinic-data";
import type { Day } from "@/server/domain/days";
import type { ClinicScope } from "../scope";
import { responsesOf } from "./responses";

/**
 * A patient's outcome scores first to last, per measure: what the discharge summary (helper G),
 * the caseload's stored figures and the exports read. Scores are as stored; rounding is for
 * display (`formatScore` in lib/measures/scoring).
 */
export interface MeasureSummary {
  measureId: string;
  name: string;
  shortName: string;
  direction: "higher-is-better" | "lower-is-better";
  /** `change`: compared first to last against the MIC; `rating`: the last answer rates the change. */
  interpretation: "change" | "rating";
  /** The minimal important change (or, for a rating, the lowest important rating). */
  threshold: number;
  /** Where the threshold comes from, in a sentence. */
  thresholdSource: string;
  responses: number;
  first: { score: number; day: Day };
  last: { score: number; day: Day };
  /** last − first; null for a rating of change. */
  change: number | null;
  /** The change with positive meaning better; null for a rating. */
  improvement: number | null;
  /** Whether the change meets the MIC (or the rating is important). */
  meaningful: boolean;
}

/** Pure: the summaries of a patient's responses (any order), one per measure, in measure order. */
export function summariseResponses(
  responses: readonly { measureId: string; score: number; day: Day; submittedAt: Date }[],
): MeasureSummary[] {
  const byMeasure = new Map<string, typeof responses>();
  for (const r of [...responses].sort(
    (a, b) => a.day.localeCompare(b.day) || a.submittedAt.getTime() - b.submittedAt.getTime(),
  )) {
    byMeasure.set(r.measureId, [...(byMeasure.get(r.measureId) ?? []), r]);
  }
  const summaries: MeasureSummary[] = [];
  for (const [measureId, rows] of byMeasure) {
    const measure = findMeasure(measureId);
    if (!measure) continue;
    const first = rows[0]!;
    const last = rows.at(-1)!;
    const rule = measure.interpretation;
    summaries.push({
      measureId,
      name: measure.name,
      shortName: measure.shortName,
      direction: measure.direction,
      interpretation: rule.kind,
      threshold: rule.kind === "change" ? rule.mic : rule.importantImprovement,
      thresholdSource: rule.source,
      responses: rows.length,
      first: { score: first.score, day: first.day },
      last: { score: last.score, day: last.day },
      ...scoreChange(measure, first.score, last.score),
    });
  }
  return summaries;
}

/** Inside the caller's own read or transaction (`db` from `data.read` / `data.write`). */
export async function measureSummaryIn(
  db: Db,
  data: ClinicData,
  patientId: string,
): Promise<MeasureSummary[]> {
  return summariseResponses(await responsesOf(db, data, patientId));
}

/**
 * A patient's outcome summaries for staff. Another clinic's patient is NotFoundError, like a
 * missing one.
 */
export async function getMeasureSummary(options: {
  scope: ClinicScope;
  patientId: string;
}): Promise<MeasureSummary[]> {
  const { data } = options.scope;
  return data.read(async (db) => {
    await data.requirePatient(db, options.patientId);
    return measureSummaryIn(db, data, options.patientId);
  });
}
