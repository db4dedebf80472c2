import { and, eq } from "drizzle-orm";
import { patientLinks, patients } from "@/db/schema";
import { hashLinkToken, looksLikeLinkToken } from "@/server/auth/tokens";
import type { SystemData } from "@/server/data/clinic-data";
import { perConnection, placeholder as p } from "../prepared";

/** Refresh "last used" at most every five minutes, so reading a plan is not a write each time. */
const LAST_USED_GRANULARITY_MS = 5 * 60_000;

/** Every patient request looks its link up: prepared once per connection. */
const statements = perConnection((db) => ({
  link: db
    .select({
      linkId: patientLinks.id,
      clinicId: patientLinks.clinicId,
      patientId: patientLinks.patientId,
      expiresAt: patientLinks.expiresAt,
      revokedAt: patientLinks.revokedAt,
      lastUsedAt: patientLinks.lastUsedAt,
      status: patients.status,
    })
    .from(patientLinks)
    .innerJoin(patients, eq(patients.id, patientLinks.patientId))
    .where(
      and(eq(patientLinks.tokenHash, p("tokenHash")), eq(patients.clinicId, patientLinks.clinicId)),
    )
    .limit(1)
    .prepare("patient_link_by_token"),
}));

/** The link a patient's request comes through, when it is valid. */
export interface ResolvedPatientLink {
  linkId: string;
  clinicId: string;
  patientId: string;
  expiresAt: Date;
}

/**
 * Finds the active patient behind a link token. An unknown, expired or revoked token, or a
 * discharged patient, all give null: the caller shows one friendly page for all of them.
 */
export async function resolvePatientLink(options: {
  system: SystemData;
  token: string | null | undefined;
  now?: Date;
}): Promise<ResolvedPatientLink | null> {
  const { system, token } = options;
  if (!token || !looksLikeLinkToken(token)) return null;
  const now = options.now ?? new Date();
  const [row] = await system.read((db) =>
    statements(db).link.execute({ tokenHash: hashLinkToken(token) }),
  );
  if (!row || row.revokedAt || row.expiresAt <= now || row.status !== "active") return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    // Off the request's path, deliberately not awaited: the note joins the next group of writes
    // (writeTogether) without a sync to disk of its own, and a lost one only leaves "last opened"
    // a few minutes old.
    const linkData = system.forClinic(row.clinicId);
    void linkData
      .writeTogether(
        (tx) =>
          tx
            .update(patientLinks)
            .set({ lastUsedAt: now })
            .where(linkData.mine(patientLinks, eq(patientLinks.id, row.linkId))),
        { syncToDisk: false },
      )
      .catch(() => undefined);
  }
  return {
    linkId: row.linkId,
    clinicId: row.clinicId,
    patientId: row.patientId,
    expiresAt: row.expiresAt,
  };
}
