/**
 * Moves this process's wall clock so that it reads `to` now and keeps running from there; returns
 * the function that puts the real clock back.
 *
 * Procedures read the clock themselves (the patient's "today", a session's age, a link's expiry)
 * and take no `now` through the API. A bench database is reused for weeks after it was built, so
 * without this a later run would measure pages whose week holds no check-ins at all: cheaper, and
 * not what a clinic sees. Only `new Date()` and `Date.now()` move; dates built from a value, and
 * `performance.now()` used for the timings, are untouched.
 */
export function shiftClock(to: Date): () => void {
  const RealDate = globalThis.Date;
  const offset = to.getTime() - RealDate.now();
  class ShiftedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as [string | number | Date]));
    }

    static override now(): number {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
  return () => {
    globalThis.Date = RealDate;
  };
}
