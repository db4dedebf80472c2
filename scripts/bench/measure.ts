/** Percentile by nearest rank on a sorted copy: p50 and p95 as the bench prints them. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export interface Timing {
  p50: number;
  p95: number;
  max: number;
}

export function summarise(samples: readonly number[]): Timing {
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: samples.length === 0 ? Number.NaN : Math.max(...samples),
  };
}

/** Milliseconds one call takes, by the high-resolution clock. */
export function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}
