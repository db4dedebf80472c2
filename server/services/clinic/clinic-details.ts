import type { Db } from "@/db/engine/types";
import { clinics } from "@/db/schema";
import type { MailSettingName, MailSettings } from "@/server/env";
import { recordAudit } from "@/server/audit";
import { clinicIsPrepared, type ClinicData } from "@/server/data/clinic-data";
import { countAlertEmails } from "../notifications/outbox-status";
import { NotFoundError } from "../errors";
import { perConnection } from "../prepared";
import type { ClinicScope } from "../scope";

/**
 * Prepared once per connection: the patient's plan reads it on every page (decision 011). The
 * clinic is the statement's clinic placeholder, filled with the caller's clinic when it runs.
 */
const contact = perConnection((db) =>
  db
    .select({
      name: clinics.name,
      phone: clinics.phone,
      email: clinics.email,
      emergencyNumber: clinics.emergencyNumber,
    })
    .from(clinics)
    .where(clinicIsPrepared(clinics.id))
    .limit(1)
    .prepare("clinic_contact"),
);

/**
 * What a clinic's patients are shown about it: its name, how to reach it and the emergency number
 * their advice tells them to call. Undefined when there is no such clinic.
 */
export async function readClinicContact(db: Db, clinicId: string) {
  const [row] = await contact(db).execute({ clinicId });
  return row;
}

async function readDetails(db: Db, data: ClinicData) {
  const [clinic] = await db
    .select({
      name: clinics.name,
      phone: clinics.phone,
      email: clinics.email,
      emergencyNumber: clinics.emergencyNumber,
    })
    .from(clinics)
    .where(data.clinicIs(clinics.id))
    .limit(1);
  if (!clinic) throw new NotFoundError("That clinic");
  return clinic;
}

/**
 * The clinic's contact details and emergency number, and whether email works: the admins' team
 * page shows both. The mail settings come from the server's configuration; only whether they are
 * set, and the sender address, are shown.
 */
export function getClinicSettings(options: {
  scope: ClinicScope;
  mail: MailSettings | null;
  missingMail: readonly MailSettingName[];
}) {
  const { scope, mail } = options;
  const { data } = scope;
  return data.read(async (db) => ({
    clinic: await readDetails(db, data),
    mail: {
      configured: mail !== null,
      missing: mail ? [] : [...options.missingMail],
      from: mail?.from ?? null,
      ...(await countAlertEmails(db, data)),
    },
  }));
}

const blankToNull = (value: string) => (value.trim() === "" ? null : value.trim());

/**
 * Changes the phone, email and emergency number that patients are shown. Audited with the values
 * before and after: they are the clinic's public contact details, not anyone's health data.
 */
export function updateClinicDetails(options: {
  scope: ClinicScope;
  phone: string;
  email: string;
  emergencyNumber: string;
  now?: Date;
}) {
  const { scope } = options;
  const { data } = scope;
  const now = options.now ?? new Date();
  const next = {
    phone: blankToNull(options.phone),
    email: blankToNull(options.email),
    emergencyNumber: options.emergencyNumber.trim(),
  };
  return data.write(
    async (tx) => {
      const before = await readDetails(tx, data);
      const changed =
        before.phone !== next.phone ||
        before.email !== next.email ||
        before.emergencyNumber !== next.emergencyNumber;
      if (!changed) return before;
      await tx.update(clinics).set(next).where(data.clinicIs(clinics.id));
      await recordAudit(tx, {
        clinicId: scope.clinicId,
        actorKind: "user",
        actorId: scope.userId,
        action: "clinic.update_details",
        entityType: "clinic",
        entityId: scope.clinicId,
        before: {
          phone: before.phone,
          email: before.email,
          emergencyNumber: before.emergencyNumber,
        },
        after: next,
        ip: scope.ip,
        at: now,
      });
      return { ...before, ...next };
    },
    // Read-then-write: the audit's "before" must be what this change replaced, even when two
    // admins save at the same moment.
    { isolation: "serializable" },
  );
}
