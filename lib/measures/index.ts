import groc from "./definitions/groc.json";
import psfs from "./definitions/psfs.json";
import { parseMeasure, type MeasureDefinition } from "./schema";

/**
 * The outcome measures Rehabit offers, one data file each (decision 029). To add one: put its
 * file in `definitions/` (the schema in `schema.ts` says what it holds; `npm test` checks it) and
 * name it here. `index.test.ts` fails when a file in `definitions/` is not named here.
 */
const FILES: Record<string, unknown> = {
  "psfs.json": psfs,
  "groc.json": groc,
};

function load(): ReadonlyMap<string, MeasureDefinition> {
  const measures = new Map<string, MeasureDefinition>();
  for (const [file, raw] of Object.entries(FILES)) {
    const measure = parseMeasure(raw, file);
    if (measures.has(measure.id)) {
      throw new Error(`Two outcome measure files use the id "${measure.id}": rename one.`);
    }
    measures.set(measure.id, measure);
  }
  return measures;
}

/** Every measure, checked when this module is first loaded. */
export const MEASURES: ReadonlyMap<string, MeasureDefinition> = load();

export const MEASURE_IDS: readonly string[] = [...MEASURES.keys()];

/** The measure with this id, or undefined. */
export function findMeasure(id: string): MeasureDefinition | undefined {
  return MEASURES.get(id);
}

export { FILES as MEASURE_FILES };
export type { MeasureDefinition } from "./schema";
