import { eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db/engine/types";
import { clinics, patientLinks, patients, programs, users } from "@/db/schema";
import type { PatientInput } from "@/lib/schemas/patient";
import { recordAudit } from "@/server/audit";
import { refreshPatient } from "../clinical/refresh-patient";
import { ConflictError, NotFoundError } from "../errors";
import type { ClinicScope } from "../scope";

async function requireActiveClinician(tx: Tx, scope: ClinicScope, userId: string) {
  const [user] = await tx
    .select({ id: users.id, active: users.active })
    .from(users)
    .where(scope.data.mine(users, eq(users.id, userId)))
    .limit(1);
  if (!user || !user.active) throw new NotFoundError("That clinician");
}

const view = (p: typeof patients.$inferSelect) => ({
  displayName: p.displayName,
  yearOfBirth: p.yearOfBirth,
  condition: p.condition,
  affectedSide: p.affectedSide,
  timeZone: p.timeZone,
  primaryClinicianId: p.primaryClinicianId,
  status: p.status,
});

async function audit(
  tx: Tx,
  scope: ClinicScope,
  action: string,
  patientId: string,
  before: object | null,
  after: object | null,
) {
  await recordAudit(tx, {
    clinicId: scope.data.clinicId,
    actorKind: "user",
    actorId: scope.userId,
    action,
    entityType: "patient",
    entityId: patientId,
    patientId,
    before: before as Record<string, unknown> | null,
    after: after as Record<string, unknown> | null,
    ip: scope.ip,
  });
}

/** Status, time zone and program all feed the caseload figures: refresh them in the same write. */
async function refigure(tx: Tx, scope: ClinicScope, patientId: string, now = new Date()) {
  await refreshPatient({
    tx,
    clinicId: scope.data.clinicId,
    patientId,
    now,
    actor: { kind: "user", id: scope.userId, ip: scope.ip },
  });
}

/** The updated patient row: the update names the row that requirePatient found in this clinic. */
async function setPatient(
  tx: Tx,
  scope: ClinicScope,
  patientId: string,
  values: Partial<typeof patients.$inferInsert>,
) {
  const [after] = await tx
    .update(patients)
    .set(values)
    .where(scope.data.mine(patients, eq(patients.id, patientId)))
    .returning();
  return after!;
}

/** The defaults of the "add patient" form: the clinic's time zone and the person adding. */
export async function getNewPatientDefaults(options: { scope: ClinicScope }) {
  const { scope } = options;
  const { data } = scope;
  const { clinic, clinicians } = await data.read(async (db) => {
    const [clinic] = await db
      .select({ timeZone: clinics.timeZone })
      .from(clinics)
      .where(data.clinicIs(clinics.id))
      .limit(1);
    const clinicians = await db
      .select({ id: users.id, name: users.name, role: users.role })
      .from(users)
      .where(data.mine(users, eq(users.active, true)))
      .orderBy(users.name);
    return { clinic, clinicians };
  });
  return { timeZone: clinic?.timeZone ?? "UTC", primaryClinicianId: scope.userId, clinicians };
}

export async function createPatient(options: { scope: ClinicScope; input: PatientInput }) {
  const { scope, input } = options;
  const { data } = scope;
  return data.write(async (tx) => {
    await requireActiveClinician(tx, scope, input.primaryClinicianId);
    const [row] = await tx.insert(patients).values(data.stamp(input)).returning();
    await audit(tx, scope, "patient.create", row!.id, null, view(row!));
    await refigure(tx, scope, row!.id);
    return { id: row!.id };
  });
}

/**
 * The writes below read the patient, check its state, then change it: serializable, so two at once
 * (two discharges, an update racing a discharge) cannot both pass the check or audit a stale
 * "before" on PostgreSQL; SQLite's single writer runs them one after the other anyway.
 */
export async function updatePatient(options: {
  scope: ClinicScope;
  patientId: string;
  input: PatientInput;
}) {
  const { scope, input } = options;
  return scope.data.write(
    async (tx) => {
      const before = await scope.data.requirePatient(tx, options.patientId);
      if (input.primaryClinicianId !== before.primaryClinicianId)
        await requireActiveClinician(tx, scope, input.primaryClinicianId);
      const after = await setPatient(tx, scope, before.id, input);
      await audit(tx, scope, "patient.update", before.id, view(before), view(after));
      await refigure(tx, scope, before.id);
      return { id: after.id };
    },
    { isolation: "serializable" },
  );
}

/**
 * Ends the program and every link at once; all history stays. Runs in the caller's write, so a
 * discharge with its summary (server/services/discharge) is one transaction.
 */
export async function dischargeInWrite(
  tx: Tx,
  scope: ClinicScope,
  patientId: string,
  now: Date,
): Promise<{ id: string }> {
  const { data } = scope;
  const before = await data.requirePatient(tx, patientId);
  if (before.status === "discharged")
    throw new ConflictError("This patient is already discharged.");
  await tx
    .update(programs)
    .set({ status: "ended", endedAt: now })
    .where(data.mine(programs, eq(programs.patientId, before.id), eq(programs.status, "active")));
  await tx
    .update(patientLinks)
    .set({ revokedAt: now })
    .where(
      data.mine(
        patientLinks,
        eq(patientLinks.patientId, before.id),
        isNull(patientLinks.revokedAt),
      ),
    );
  const after = await setPatient(tx, scope, before.id, {
    status: "discharged",
    dischargedAt: now,
  });
  await audit(tx, scope, "patient.discharge", before.id, view(before), view(after));
  await refigure(tx, scope, before.id, now);
  return { id: after.id };
}

export async function dischargePatient(options: {
  scope: ClinicScope;
  patientId: string;
  now?: Date;
}) {
  const { scope } = options;
  const now = options.now ?? new Date();
  return scope.data.write((tx) => dischargeInWrite(tx, scope, options.patientId, now), {
    isolation: "serializable",
  });
}

/** Back on the caseload; their next program starts as a new program at version 1. */
export async function readmitPatient(options: { scope: ClinicScope; patientId: string }) {
  const { scope } = options;
  return scope.data.write(
    async (tx) => {
      const before = await scope.data.requirePatient(tx, options.patientId);
      if (before.status === "active") throw new ConflictError("This patient is already active.");
      const after = await setPatient(tx, scope, before.id, {
        status: "active",
        dischargedAt: null,
      });
      await audit(tx, scope, "patient.readmit", before.id, view(before), view(after));
      await refigure(tx, scope, before.id);
      return { id: after.id };
    },
    { isolation: "serializable" },
  );
}
