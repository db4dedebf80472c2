/** Small numeric helpers shared by the clinical rules. */

/** Means of a few integers are not exact in binary (8/3 − 5/3 < 1): thresholds allow for that. */
const TOLERANCE = 1e-9;

/** `value ≥ threshold`, forgiving floating-point noise. */
export function isAtLeast(value: number, threshold: number): boolean {
  return value >= threshold - TOLERANCE;
}

/** Arithmetic mean; undefined for no values. */
export function mean(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/** Median (the mean of the middle two for an even count); undefined for no values. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}
