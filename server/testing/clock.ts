import { vi } from "vitest";

/**
 * Stops the clock at this instant (only Date: timers still run) until the test calls
 * vi.useRealTimers(); calling it again moves the clock.
 */
export function setClock(instant: Date | string) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(instant));
}

/** Noon UTC on a day: far from midnight in London, so the day is never in doubt. */
export const noon = (day: string) => new Date(`${day}T12:00:00Z`);
