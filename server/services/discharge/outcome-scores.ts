import type { Db } from "@/db/engine/types";
import type { Day } from "@/server/domain/days";
import { responsesOf } from "../measures/responses";
import { summariseResponses } from "../measures/summary";
import type { ClinicScope } from "../scope";

/** One outcome measure over the episode, as the discharge summary prints it. */
export interface OutcomeScore {
  measureId: string;
  name: string;
  /** `change`: first to last against the minimal important change; `rating`: the last answer. */
  interpretation: "change" | "rating";
  direction: "higher-is-better" | "lower-is-better";
  threshold: number;
  thresholdSource: string;
  responses: number;
  firstScore: number;
  firstDay: string;
  lastScore: number;
  lastDay: string;
  /** last − first; null for a rating of change. */
  change: number | null;
  meaningful: boolean;
}

/**
 * The outcome scores answered in the episode, first to last, per measure. How a measure is scored
 * and what change is meaningful belongs to the outcome measures (`summariseResponses`): this only
 * narrows their responses to the episode's days.
 */
export async function readOutcomeScores(options: {
  db: Db;
  scope: ClinicScope;
  patientId: string;
  /** The episode's first and last days, in the patient's time zone. */
  from: Day;
  to: Day;
}): Promise<OutcomeScore[]> {
  const { from, to } = options;
  const responses = (await responsesOf(options.db, options.scope.data, options.patientId)).filter(
    (r) => r.day >= from && r.day <= to,
  );
  return summariseResponses(responses).map((m) => ({
    measureId: m.measureId,
    name: m.name,
    interpretation: m.interpretation,
    direction: m.direction,
    threshold: m.threshold,
    thresholdSource: m.thresholdSource,
    responses: m.responses,
    firstScore: m.first.score,
    firstDay: m.first.day,
    lastScore: m.last.score,
    lastDay: m.last.day,
    change: m.change,
    meaningful: m.meaningful,
  }));
}
