import { and, desc, eq, isNull } from "drizzle-orm";
import { patientLinks, patients, users } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { generateLinkToken, hashLinkToken } from "@/server/auth/tokens";
import { NotFoundError } from "../errors";
import type { ClinicScope } from "../scope";

const DAY_MS = 86_400_000;

function requirePatient(scope: ClinicScope, patientId: string) {
  const patient = scope.db
    .select({ id: patients.id, status: patients.status })
    .from(patients)
    .where(and(eq(patients.id, patientId), eq(patients.clinicId, scope.clinicId)))
    .get();
  if (!patient) throw new NotFoundError("That patient");
  return patient;
}

/**
 * Creates a new link for a patient. The token is returned once, to be shown to the clinician; only
 * its hash is stored.
 */
export function createPatientLink(options: {
  scope: ClinicScope;
  patientId: string;
  validDays: number;
  now?: Date;
}) {
  const { scope, patientId } = options;
  requirePatient(scope, patientId);
  const now = options.now ?? new Date();
  const token = generateLinkToken();
  const link = scope.db.transaction((tx) => {
    const row = tx
      .insert(patientLinks)
      .values({
        clinicId: scope.clinicId,
        patientId,
        createdBy: scope.userId,
        tokenHash: hashLinkToken(token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + options.validDays * DAY_MS),
      })
      .returning({ id: patientLinks.id, expiresAt: patientLinks.expiresAt })
      .get();
    recordAudit(tx, {
      clinicId: scope.clinicId,
      actorKind: "user",
      actorId: scope.userId,
      action: "patient_link.create",
      entityType: "patient_link",
      entityId: row.id,
      patientId,
      after: { expiresAt: row.expiresAt.toISOString() },
      ip: scope.ip,
      at: now,
    });
    return row;
  });
  return { id: link.id, token, expiresAt: link.expiresAt };
}

/** Revokes a link at once; revoking an already revoked link changes nothing. */
export function revokePatientLink(options: { scope: ClinicScope; linkId: string; now?: Date }) {
  const { scope } = options;
  const now = options.now ?? new Date();
  const link = scope.db
    .select({
      id: patientLinks.id,
      patientId: patientLinks.patientId,
      revokedAt: patientLinks.revokedAt,
    })
    .from(patientLinks)
    .where(and(eq(patientLinks.id, options.linkId), eq(patientLinks.clinicId, scope.clinicId)))
    .get();
  if (!link) throw new NotFoundError("That link");
  if (link.revokedAt) return { id: link.id, revokedAt: link.revokedAt };
  scope.db.transaction((tx) => {
    tx.update(patientLinks)
      .set({ revokedAt: now })
      .where(and(eq(patientLinks.id, link.id), isNull(patientLinks.revokedAt)))
      .run();
    recordAudit(tx, {
      clinicId: scope.clinicId,
      actorKind: "user",
      actorId: scope.userId,
      action: "patient_link.revoke",
      entityType: "patient_link",
      entityId: link.id,
      patientId: link.patientId,
      ip: scope.ip,
      at: now,
    });
  });
  return { id: link.id, revokedAt: now };
}

/** The patient's links, newest first, without anything that could rebuild a token. */
export function listPatientLinks(options: { scope: ClinicScope; patientId: string; now?: Date }) {
  const { scope, patientId } = options;
  requirePatient(scope, patientId);
  const now = options.now ?? new Date();
  return scope.db
    .select({
      id: patientLinks.id,
      createdAt: patientLinks.createdAt,
      createdByName: users.name,
      expiresAt: patientLinks.expiresAt,
      revokedAt: patientLinks.revokedAt,
      lastUsedAt: patientLinks.lastUsedAt,
    })
    .from(patientLinks)
    .innerJoin(users, eq(users.id, patientLinks.createdBy))
    .where(and(eq(patientLinks.patientId, patientId), eq(patientLinks.clinicId, scope.clinicId)))
    .orderBy(desc(patientLinks.createdAt))
    .all()
    .map((l) => ({ ...l, active: !l.revokedAt && l.expiresAt > now }));
}
