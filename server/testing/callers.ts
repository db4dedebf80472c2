import { tmpdir } from "node:os";
import path from "node:path";
import type { Engine } from "@/db/engine/types";
import type { StaffClaims } from "@/server/auth/claims";
import type { Context } from "@/server/context";
import { createCaller } from "@/server/root";

export const TEST_ORIGIN = "https://rehabit.test";

export const TEST_LIMITS = { maxAgeSeconds: 12 * 3600, idleSeconds: 30 * 60 };

interface UserRow {
  id: string;
  clinicId: string;
  role: "admin" | "clinician";
  sessionVersion: number;
}

/** Claims as the sign-in callback would have minted them for this user, optionally aged. */
export function claimsFor(
  user: UserRow,
  options: { signedInSecondsAgo?: number; idleSeconds?: number } = {},
): StaffClaims {
  const now = Math.floor(Date.now() / 1000);
  return {
    uid: user.id,
    cid: user.clinicId,
    role: user.role,
    sv: user.sessionVersion,
    signedInAt: now - (options.signedInSecondsAgo ?? 0),
    lastActiveAt: now - (options.idleSeconds ?? 0),
  };
}

export function testContext(
  db: Engine,
  options: { claims?: StaffClaims | null; patientToken?: string | null; mediaDir?: string } = {},
): Context {
  return {
    db,
    ip: "127.0.0.1",
    limits: TEST_LIMITS,
    readStaffClaims: async () => options.claims ?? null,
    patientToken: options.patientToken ?? null,
    patientLinkDays: 180,
    origin: TEST_ORIGIN,
    mediaDir: options.mediaDir ?? path.join(tmpdir(), "rehabit-test-media"),
    auditedReads: new Map(),
    identity: {},
  };
}

/**
 * A caller signed in as this user, through the same tiers as a real request. A caller is one
 * request: it checks the session once and writes one read row per patient, so a test that changes
 * the user or the link between calls makes a new caller for the next request.
 */
export function staffCaller(db: Engine, user: UserRow, age?: Parameters<typeof claimsFor>[1]) {
  return createCaller(testContext(db, { claims: claimsFor(user, age) }));
}

export function patientCaller(db: Engine, token: string | null) {
  return createCaller(testContext(db, { patientToken: token }));
}

export function anonymousCaller(db: Engine) {
  return createCaller(testContext(db));
}
