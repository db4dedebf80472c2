import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { patientLinks, patients } from "@/db/schema";
import { hashLinkToken, looksLikeLinkToken } from "@/server/auth/tokens";
import { writeTogether } from "../group-commit";
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
    .prepare(),
}));

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
  const row = statements(db).link.get({ tokenHash: hashLinkToken(token) });
  if (!row || row.revokedAt || row.expiresAt <= now || row.status !== "active") return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    // Off the request's path: the note joins the next group of writes (group-commit.ts), and a
    // lost one only leaves "last opened" a few minutes old.
    writeTogether(db, (tx) =>
      tx.update(patientLinks).set({ lastUsedAt: now }).where(eq(patientLinks.id, row.linkId)).run(),
    ).catch(() => undefined);
  }
  return {
    linkId: row.linkId,
    clinicId: row.clinicId,
    patientId: row.patientId,
    expiresAt: row.expiresAt,
  };
}
