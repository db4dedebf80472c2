import { z } from "zod";
import type { Engine } from "@/db/engine";
import { claimsFor, testContext } from "@/server/testing/callers";
import { createCallerFactory, patientProcedure, router, staffProcedure } from "@/server/trpc";
import type { BenchUser } from "./procedures";

/**
 * Two procedures that do nothing, mounted at the paths of real reads (`patients.get` for staff,
 * `plan.today` for a patient's link) so that they pass through the same tiers as those reads:
 * the session or link check, input validation, the read row of decision 021 and its commit. What
 * a call costs is what every request of that tier costs before its own work: the request's floor.
 */
const floorRouter = router({
  patients: router({
    get: staffProcedure.input(z.object({ patientId: z.string().min(1) })).query(() => null),
  }),
  plan: router({ today: patientProcedure.query(() => null) }),
});

const createFloorCaller = createCallerFactory(floorRouter);

export function staffFloorCaller(db: Engine, user: BenchUser) {
  return createFloorCaller(testContext(db, { claims: claimsFor(user) }));
}

export function patientFloorCaller(db: Engine, token: string) {
  return createFloorCaller(testContext(db, { patientToken: token }));
}

/**
 * The framework's own share of a request on a tier: the floor's p95 less its hand-written
 * baseline's (the same identity check and read row by hand). Never negative.
 */
export function floorAllowance(floor: { p95: number; baseP95: number | null }): number {
  return floor.baseP95 === null ? 0 : Math.max(0, floor.p95 - floor.baseP95);
}

/**
 * A procedure's p95 against its baseline's once the tier's floor allowance is taken off: the
 * ratio judges the query's work, which is what the hand-written SQL stands for.
 */
export function ratioAboveFloor(t: { p95: number; baseP95: number }, allowance: number): number {
  return Math.max(0, t.p95 - allowance) / t.baseP95;
}
