import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { patientLinks, patients, users } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { generateLinkToken, hashLinkToken } from "@/server/auth/tokens";
import { ConflictError, NotFoundError } from "../errors";
import type { ClinicScope } from "../scope";

const DAY_MS = 86_400_000;

/** Why a link was made, kept in the audit trail so the trail tells a handout's link apart. */
export type LinkPurpose = "panel" | "handout";

function requirePatient(scope: ClinicScope, patientId: string) {
  const patient = scope.db
    .select({ id: patients.id, status: patients.status })
    .from(patients)
    .where(and(eq(patients.id, patientId), eq(patients.clinicId, scope.clinicId)))
    .get();
  if (!patient) throw new NotFoundError("That patient");
  return patient;
}

/** A discharged patient's links stop working, so making one would hand out a dead link. */
function requireActivePatient(scope: ClinicScope, patientId: string) {
  const patient = requirePatient(scope, patientId);
  if (patient.status !== "active") {
    throw new ConflictError(
      "This patient is discharged, so their links are switched off. Re-admit them to give them a link.",
    );
  }
  return patient;
}

/** Inserts one link and its audit event inside the caller's transaction. */
function insertLink(
  tx: Tx,
  scope: ClinicScope,
  input: {
    patientId: string;
    token: string;
    validDays: number;
    now: Date;
    action: "patient_link.create" | "patient_link.replace";
    auditAfter: Record<string, unknown>;
  },
) {
  const row = tx
    .insert(patientLinks)
    .values({
      clinicId: scope.clinicId,
      patientId: input.patientId,
      createdBy: scope.userId,
      tokenHash: hashLinkToken(input.token),
      createdAt: input.now,
      expiresAt: new Date(input.now.getTime() + input.validDays * DAY_MS),
    })
    .returning({ id: patientLinks.id, expiresAt: patientLinks.expiresAt })
    .get();
  recordAudit(tx, {
    clinicId: scope.clinicId,
    actorKind: "user",
    actorId: scope.userId,
    action: input.action,
    entityType: "patient_link",
    entityId: row.id,
    patientId: input.patientId,
    after: { expiresAt: row.expiresAt.toISOString(), ...input.auditAfter },
    ip: scope.ip,
    at: input.now,
  });
  return row;
}

/**
 * Creates a new link for a patient; their other links keep working. The token is returned once,
 * to be shown to the clinician; only its hash is stored.
 */
export function createPatientLink(options: {
  scope: ClinicScope;
  patientId: string;
  validDays: number;
  purpose?: LinkPurpose;
  now?: Date;
}) {
  const { scope, patientId } = options;
  requireActivePatient(scope, patientId);
  const now = options.now ?? new Date();
  const token = generateLinkToken();
  const link = scope.db.transaction((tx) =>
    insertLink(tx, scope, {
      patientId,
      token,
      validDays: options.validDays,
      now,
      action: "patient_link.create",
      auditAfter: { validDays: options.validDays, purpose: options.purpose ?? "panel" },
    }),
  );
  return { id: link.id, token, expiresAt: link.expiresAt };
}

/**
 * Revokes every link of the patient that still works and creates one new link, in one
 * transaction: the old links stop working at the same moment the new one starts.
 */
export function replacePatientLink(options: {
  scope: ClinicScope;
  patientId: string;
  validDays: number;
  now?: Date;
}) {
  const { scope, patientId } = options;
  requireActivePatient(scope, patientId);
  const now = options.now ?? new Date();
  const token = generateLinkToken();
  const result = scope.db.transaction((tx) => {
    const working = and(
      eq(patientLinks.patientId, patientId),
      eq(patientLinks.clinicId, scope.clinicId),
      isNull(patientLinks.revokedAt),
      gt(patientLinks.expiresAt, now),
    );
    const revoked = tx
      .update(patientLinks)
      .set({ revokedAt: now })
      .where(working)
      .returning({ id: patientLinks.id })
      .all();
    for (const old of revoked) {
      recordAudit(tx, {
        clinicId: scope.clinicId,
        actorKind: "user",
        actorId: scope.userId,
        action: "patient_link.revoke",
        entityType: "patient_link",
        entityId: old.id,
        patientId,
        after: { reason: "replaced" },
        ip: scope.ip,
        at: now,
      });
    }
    const row = insertLink(tx, scope, {
      patientId,
      token,
      validDays: options.validDays,
      now,
      action: "patient_link.replace",
      auditAfter: { validDays: options.validDays, replacedLinkIds: revoked.map((r) => r.id) },
    });
    return { row, revokedCount: revoked.length };
  });
  return {
    id: result.row.id,
    token,
    expiresAt: result.row.expiresAt,
    revokedCount: result.revokedCount,
  };
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
