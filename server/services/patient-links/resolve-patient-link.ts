import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { patientLinks, patients } from "@/db/schema";
import { hashLinkToken, looksLikeLinkToken } from "@/server/auth/tokens";

/** Refresh "last used" at most every five minutes, so reading a plan is not a write each time. */
const LAST_USED_GRANULARITY_MS = 5 * 60_000;

/**
 * Finds the active patient behind a link token. An unknown, expired or revoked token, or a
 * discharged patient, all give null: the caller shows one friendly page for all of them.
 */
export function resolvePatientLink(options: {
  db: Db;
  token: string | null | undefined;
  now?: Date;
}) {
  const { db, token } = options;
  if (!token || !looksLikeLinkToken(token)) return null;
  const now = options.now ?? new Date();
  const row = db
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
      and(
        eq(patientLinks.tokenHash, hashLinkToken(token)),
        eq(patients.clinicId, patientLinks.clinicId),
      ),
    )
    .get();
  if (!row || row.revokedAt || row.expiresAt <= now || row.status !== "active") return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    db.update(patientLinks).set({ lastUsedAt: now }).where(eq(patientLinks.id, row.linkId)).run();
  }
  return {
    linkId: row.linkId,
    clinicId: row.clinicId,
    patientId: row.patientId,
    expiresAt: row.expiresAt,
  };
}
