import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { clinics } from "@/db/schema";
import type { MailSettingName, MailSettings } from "@/server/env";
import { recordAudit } from "@/server/audit";
import { countAlertEmails } from "../notifications/outbox-status";
import { NotFoundError } from "../errors";
import { perConnection, placeholder as p } from "../prepared";
import type { ClinicScope } from "../scope";

const contact = perConnection((db) =>
  db
    .select({
      name: clinics.name,
      phone: clinics.phone,
      email: clinics.email,
      emergencyNumber: clinics.emergencyNumber,
    })
    .from(clinics)
    .where(eq(clinics.id, p("clinicId")))
    .prepare(),
);

/**
 * What a clinic's patients are shown about it: its name, how to reach it and the emergency number
 * their advice tells them to call. Undefined when there is no such clinic.
 */
export function readClinicContact(db: DbOrTx, clinicId: string) {
  return contact(db).get({ clinicId });
}

function readDetails(db: DbOrTx, clinicId: string) {
  const clinic = readClinicContact(db, clinicId);
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
  return {
    clinic: readDetails(scope.db, scope.clinicId),
    mail: {
      configured: mail !== null,
      missing: mail ? [] : [...options.missingMail],
      from: mail?.from ?? null,
      ...countAlertEmails(scope.db, scope.clinicId),
    },
  };
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
  const now = options.now ?? new Date();
  const next = {
    phone: blankToNull(options.phone),
    email: blankToNull(options.email),
    emergencyNumber: options.emergencyNumber.trim(),
  };
  return scope.db.transaction(
    (tx) => {
      const before = readDetails(tx, scope.clinicId);
      const changed =
        before.phone !== next.phone ||
        before.email !== next.email ||
        before.emergencyNumber !== next.emergencyNumber;
      if (!changed) return before;
      tx.update(clinics).set(next).where(eq(clinics.id, scope.clinicId)).run();
      recordAudit(tx, {
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
    { behavior: "immediate" },
  );
}
