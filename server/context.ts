import type { Engine } from "@/db/engine/types";
import type { SessionLimits, StaffClaims } from "./auth/claims";
import type { RequestIdentity } from "./request-identity";

/**
 * What every procedure receives. Identity is resolved lazily, by the tier that needs it, so a
 * public call never touches the session and a patient call never reads the staff cookie.
 */
export interface Context {
  /** The database: services reach it only through the scopes the tiers build from it. */
  db: Engine;
  ip: string | null;
  limits: SessionLimits;
  readStaffClaims: () => Promise<StaffClaims | null>;
  patientToken: string | null;
  patientLinkDays: number;
  /** This server's public origin (e.g. https://rehabit.clinic.example), for links shown to staff. */
  origin: string;
  /** Where exercise pictures are stored. */
  mediaDir: string;
  /**
   * The read rows this request has written, by reader and patient: a page that calls several
   * procedures about one patient leaves one row, not one per call (decision 021).
   */
  auditedReads: Map<string, Promise<void>>;
  /** The request's staff session or patient link, once checked (`server/request-identity.ts`). */
  identity: RequestIdentity;
}
