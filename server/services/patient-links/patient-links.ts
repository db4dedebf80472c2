import { desc, eq, gt, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db/engine/types";
import { patientLinks, users } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { generateLinkToken, hashLinkToken } from "@/server/auth/tokens";
import { minePrepared } from "@/server/data/clinic-data";
import { ConflictError, NotFoundError } from "../errors";
import { perConnection, placeholder } from "../prepared";
import type { ClinicScope } from "../scope";

const DAY_MS = 86_400_000;

/** Why a link was made, kept in the audit trail so the trail tells a handout's link apart. */
export type LinkPurpose = "panel" | "handout";

/** A discharged patient's links stop working, so making one would hand out a dead link. */
async function requireActivePatient(db: Db, scope: ClinicScope, patientId: string) {
  const patient = await scope.data.requirePatient(db, patientId);
  if (patient.status !== "active") {
    throw new ConflictError(
      "This patient is discharged, so their links are switched off. Re-admit them to give them a link.",
    );
  }
  return patient;
}

/** A new token and its hash, made before the transaction (no hashing inside a write). */
function newToken() {
  const token = generateLinkToken();
  return { token, tokenHash: hashLinkToken(token) };
}

/** Inserts one link and its audit event inside the caller's transaction. */
async function insertLink(
  tx: Tx,
  scope: ClinicScope,
  input: {
    patientId: string;
    tokenHash: string;
    validDays: number;
    now: Date;
    action: "patient_link.create" | "patient_link.replace";
    auditAfter: Record<string, unknown>;
  },
) {
  const [row] = await tx
    .insert(patientLinks)
    .values(
      scope.data.stamp({
        patientId: input.patientId,
        createdBy: scope.userId,
        tokenHash: input.tokenHash,
        createdAt: input.now,
        expiresAt: new Date(input.now.getTime() + input.validDays * DAY_MS),
      }),
    )
    .returning({ id: patientLinks.id, expiresAt: patientLinks.expiresAt });
  await recordAudit(tx, {
    clinicId: scope.data.clinicId,
    actorKind: "user",
    actorId: scope.userId,
    action: input.action,
    entityType: "patient_link",
    entityId: row!.id,
    patientId: input.patientId,
    after: { expiresAt: row!.expiresAt.toISOString(), ...input.auditAfter },
    ip: scope.ip,
    at: input.now,
  });
  return row!;
}

/**
 * Creates a new link for a patient; their other links keep working. The token is returned once,
 * to be shown to the clinician; only its hash is stored.
 */
export async function createPatientLink(options: {
  scope: ClinicScope;
  patientId: string;
  validDays: number;
  purpose?: LinkPurpose;
  now?: Date;
}) {
  const { scope, patientId } = options;
  const now = options.now ?? new Date();
  const { token, tokenHash } = newToken();
  const link = await scope.data.write(async (tx) => {
    await requireActivePatient(tx, scope, patientId);
    return insertLink(tx, scope, {
      patientId,
      tokenHash,
      validDays: options.validDays,
      now,
      action: "patient_link.create",
      auditAfter: { validDays: options.validDays, purpose: options.purpose ?? "panel" },
    });
  });
  return { id: link.id, token, expiresAt: link.expiresAt };
}

/**
 * Revokes every link of the patient that still works and creates one new link, in one
 * transaction: the old links stop working at the same moment the new one starts.
 */
export async function replacePatientLink(options: {
  scope: ClinicScope;
  patientId: string;
  validDays: number;
  now?: Date;
}) {
  const { scope, patientId } = options;
  const now = options.now ?? new Date();
  const { token, tokenHash } = newToken();
  const result = await scope.data.write(async (tx) => {
    await requireActivePatient(tx, scope, patientId);
    const revoked = await tx
      .update(patientLinks)
      .set({ revokedAt: now })
      .where(
        scope.data.mine(
          patientLinks,
          eq(patientLinks.patientId, patientId),
          isNull(patientLinks.revokedAt),
          gt(patientLinks.expiresAt, now),
        ),
      )
      .returning({ id: patientLinks.id });
    for (const old of revoked) {
      await recordAudit(tx, {
        clinicId: scope.data.clinicId,
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
    const row = await insertLink(tx, scope, {
      patientId,
      tokenHash,
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
export async function revokePatientLink(options: {
  scope: ClinicScope;
  linkId: string;
  now?: Date;
}) {
  const { scope } = options;
  const now = options.now ?? new Date();
  return scope.data.write(async (tx) => {
    const [link] = await tx
      .select({
        id: patientLinks.id,
        patientId: patientLinks.patientId,
        revokedAt: patientLinks.revokedAt,
      })
      .from(patientLinks)
      .where(scope.data.mine(patientLinks, eq(patientLinks.id, options.linkId)))
      .limit(1);
    if (!link) throw new NotFoundError("That link");
    if (link.revokedAt) return { id: link.id, revokedAt: link.revokedAt };
    await tx
      .update(patientLinks)
      .set({ revokedAt: now })
      .where(
        scope.data.mine(patientLinks, eq(patientLinks.id, link.id), isNull(patientLinks.revokedAt)),
      );
    await recordAudit(tx, {
      clinicId: scope.data.clinicId,
      actorKind: "user",
      actorId: scope.userId,
      action: "patient_link.revoke",
      entityType: "patient_link",
      entityId: link.id,
      patientId: link.patientId,
      ip: scope.ip,
      at: now,
    });
    return { id: link.id, revokedAt: now };
  });
}

/** The patient's links, newest first, without anything that could rebuild a token. */
/** The record page's list of links, prepared once per connection. */
const listStatements = perConnection((db) => ({
  links: db
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
    .where(minePrepared(patientLinks, eq(patientLinks.patientId, placeholder("patientId"))))
    .orderBy(desc(patientLinks.createdAt))
    .prepare("patient_links_list"),
}));

export async function listPatientLinks(options: {
  scope: ClinicScope;
  patientId: string;
  now?: Date;
}) {
  const { scope, patientId } = options;
  const now = options.now ?? new Date();
  const links = await scope.data.read(async (db) => {
    await scope.data.requirePatient(db, patientId);
    return listStatements(db).links.execute(scope.data.bind({ patientId }));
  });
  return links.map((l) => ({ ...l, active: !l.revokedAt && l.expiresAt > now }));
}
