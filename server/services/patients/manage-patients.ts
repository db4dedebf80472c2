import { and, eq, isNull } from "drizzle-orm";
import { clinics, patientLinks, patients, programs, users } from "@/db/schema";
import type { PatientInput } from "@/lib/schemas/patient";
import { recordAudit } from "@/server/audit";
import { refreshPatient } from "../clinical/refresh-patient";
import { ConflictError, NotFoundError } from "../errors";
import type { ClinicScope } from "../scope";

type Tx = Parameters<Parameters<ClinicScope["db"]["transaction"]>[0]>[0];

function requireActiveClinician(tx: Tx, scope: ClinicScope, userId: string) {
  const user = tx
    .select({ id: users.id, active: users.active })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.clinicId, scope.clinicId)))
    .get();
  if (!user || !user.active) throw new NotFoundError("That clinician");
}

function requirePatient(tx: Tx, scope: ClinicScope, patientId: string) {
  const patient = tx
    .select()
    .from(patients)
    .where(and(eq(patients.id, patientId), eq(patients.clinicId, scope.clinicId)))
    .get();
  if (!patient) throw new NotFoundError("That patient");
  return patient;
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

function audit(
  tx: Tx,
  scope: ClinicScope,
  action: string,
  patientId: string,
  before: object | null,
  after: object | null,
) {
  recordAudit(tx, {
    clinicId: scope.clinicId,
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

/** The defaults of the "add patient" form: the clinic's time zone and the person adding. */
/** Status, time zone and program all feed the caseload figures: refresh them in the same write. */
function refigure(tx: Tx, scope: ClinicScope, patientId: string, now = new Date()) {
  refreshPatient({
    tx,
    clinicId: scope.clinicId,
    patientId,
    now,
    actor: { kind: "user", id: scope.userId, ip: scope.ip },
  });
}

export function getNewPatientDefaults(options: { scope: ClinicScope }) {
  const { scope } = options;
  const clinic = scope.db
    .select({ timeZone: clinics.timeZone })
    .from(clinics)
    .where(eq(clinics.id, scope.clinicId))
    .get();
  const clinicians = scope.db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.clinicId, scope.clinicId), eq(users.active, true)))
    .orderBy(users.name)
    .all();
  return { timeZone: clinic?.timeZone ?? "UTC", primaryClinicianId: scope.userId, clinicians };
}

export function createPatient(options: { scope: ClinicScope; input: PatientInput }) {
  const { scope, input } = options;
  return scope.db.transaction((tx) => {
    requireActiveClinician(tx, scope, input.primaryClinicianId);
    const row = tx
      .insert(patients)
      .values({ ...input, clinicId: scope.clinicId })
      .returning()
      .get();
    audit(tx, scope, "patient.create", row.id, null, view(row));
    refigure(tx, scope, row.id);
    return { id: row.id };
  });
}

export function updatePatient(options: {
  scope: ClinicScope;
  patientId: string;
  input: PatientInput;
}) {
  const { scope, input } = options;
  return scope.db.transaction((tx) => {
    const before = requirePatient(tx, scope, options.patientId);
    if (input.primaryClinicianId !== before.primaryClinicianId)
      requireActiveClinician(tx, scope, input.primaryClinicianId);
    const after = tx
      .update(patients)
      .set(input)
      .where(eq(patients.id, before.id))
      .returning()
      .get();
    audit(tx, scope, "patient.update", before.id, view(before), view(after));
    refigure(tx, scope, before.id);
    return { id: after.id };
  });
}

/** Ends the program and every link at once; all history stays. */
export function dischargePatient(options: { scope: ClinicScope; patientId: string; now?: Date }) {
  const { scope } = options;
  const now = options.now ?? new Date();
  return scope.db.transaction((tx) => {
    const before = requirePatient(tx, scope, options.patientId);
    if (before.status === "discharged")
      throw new ConflictError("This patient is already discharged.");
    tx.update(programs)
      .set({ status: "ended", endedAt: now })
      .where(and(eq(programs.patientId, before.id), eq(programs.status, "active")))
      .run();
    tx.update(patientLinks)
      .set({ revokedAt: now })
      .where(and(eq(patientLinks.patientId, before.id), isNull(patientLinks.revokedAt)))
      .run();
    const after = tx
      .update(patients)
      .set({ status: "discharged", dischargedAt: now })
      .where(eq(patients.id, before.id))
      .returning()
      .get();
    audit(tx, scope, "patient.discharge", before.id, view(before), view(after));
    refigure(tx, scope, before.id, now);
    return { id: after.id };
  });
}

/** Back on the caseload; their next program starts as a new program at version 1. */
export function readmitPatient(options: { scope: ClinicScope; patientId: string }) {
  const { scope } = options;
  return scope.db.transaction((tx) => {
    const before = requirePatient(tx, scope, options.patientId);
    if (before.status === "active") throw new ConflictError("This patient is already active.");
    const after = tx
      .update(patients)
      .set({ status: "active", dischargedAt: null })
      .where(eq(patients.id, before.id))
      .returning()
      .get();
    audit(tx, scope, "patient.readmit", before.id, view(before), view(after));
    refigure(tx, scope, before.id);
    return { id: after.id };
  });
}
