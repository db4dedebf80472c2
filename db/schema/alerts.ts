import { sql } from "drizzle-orm";
import type { Dialect } from "../dialects/pg";
import type { ClinicTables } from "./clinics";
import { createdAt, inList } from "./columns";
import { ACTOR_KINDS, ALERT_SEVERITIES, ALERT_STATUSES } from "./enums";
import type { PatientTables } from "./patients";

/**
 * How an audit event's hash is computed (server/audit-hash.ts, decision 024): 1 for the SQLite
 * chains written before the chain became portable, 2 since.
 */
export const AUDIT_HASH_FORMATS = [1, 2] as const;

export function defineAlertTables(
  d: Dialect,
  { clinics, users, patients }: ClinicTables & Pick<PatientTables, "patients">,
) {
  const alerts = d.table(
    "alerts",
    {
      id: d.id(),
      clinicId: d
        .ref("clinic_id")
        .notNull()
        .references(() => clinics.id),
      patientId: d
        .ref("patient_id")
        .notNull()
        .references(() => patients.id),
      /** Rule id without version, e.g. `pain-worsening`. */
      kind: d.text("kind").notNull(),
      severity: d.enumText("severity", ALERT_SEVERITIES).notNull(),
      ruleId: d.text("rule_id").notNull(),
      ruleVersion: d.int("rule_version").notNull(),
      /** The numbers that fired the rule, as they were. */
      inputs: d.json<Record<string, unknown>>("inputs").notNull(),
      status: d.enumText("status", ALERT_STATUSES).notNull().default("open"),
      openedAt: createdAt(d),
      updatedAt: d.timestamp("updated_at").notNull(),
      acknowledgedBy: d.ref("acknowledged_by").references(() => users.id),
      acknowledgedAt: d.timestamp("acknowledged_at"),
      acknowledgeNote: d.text("acknowledge_note"),
      resolvedBy: d.ref("resolved_by").references(() => users.id),
      resolvedAt: d.timestamp("resolved_at"),
    },
    (t) => [
      // Severity and patient too: every staff page counts the clinic's open alerts by severity
      // and whose patient they are, from the index alone (decision 034).
      d
        .index("alerts_clinic_status_severity_idx")
        .on(t.clinicId, t.status, t.severity, t.patientId),
      d.index("alerts_patient_idx").on(t.patientId),
      // One unresolved alert per patient and rule version: new evidence updates it instead. A rule's
      // new version opens its own alert beside an open one of the old version (decision 012).
      d
        .uniqueIndex("alerts_one_open_rule_idx")
        .on(t.patientId, t.ruleId)
        .where(sql`status <> 'resolved'`),
      d.check("alerts_severity_check", sql.raw(inList("severity", ALERT_SEVERITIES))),
      d.check("alerts_status_check", sql.raw(inList("status", ALERT_STATUSES))),
      ...d.tenantPolicies("alerts", "clinic_id"),
    ],
  );

  /** Append-only: each row carries the hash of the one before it in the same clinic. */
  const auditEvents = d.table(
    "audit_events",
    {
      id: d.id(),
      clinicId: d
        .ref("clinic_id")
        .notNull()
        .references(() => clinics.id),
      actorKind: d.enumText("actor_kind", ACTOR_KINDS).notNull(),
      actorId: d.ref("actor_id"),
      action: d.text("action").notNull(),
      entityType: d.text("entity_type").notNull(),
      entityId: d.ref("entity_id"),
      patientId: d.ref("patient_id"),
      before: d.json<Record<string, unknown> | null>("before"),
      after: d.json<Record<string, unknown> | null>("after"),
      at: d.timestamp("at").notNull(),
      ip: d.text("ip"),
      prevHash: d.text("prev_hash"),
      hash: d.text("hash").notNull(),
      /**
       * The event's place in its clinic's chain, 1 for the first: the chain's order on both
       * engines (decision 024). Given by the writer as the head's plus one, under the clinic's lock.
       */
      seq: d.int("seq").notNull(),
      /** Which rule the hash was computed by (AUDIT_HASH_FORMATS). */
      hashFormat: d.int("hash_format").$type<(typeof AUDIT_HASH_FORMATS)[number]>().notNull(),
    },
    (t) => [
      // The chain's head (the clinic's highest seq) is read on every audited write, and the
      // verifier walks the chain in this order: one step each, never a sort. Unique, so two
      // writers that both followed the same event cannot both be stored: the chain cannot fork.
      d.uniqueIndex("audit_clinic_seq_idx").on(t.clinicId, t.seq),
      // Nothing reads the trail by patient or by time yet (decision 018): an index is added with the
      // first reader, not kept on every write in case.
      d.check("audit_actor_check", sql.raw(inList("actor_kind", ACTOR_KINDS))),
      d.check("audit_seq_check", sql`seq >= 1`),
      d.check(
        "audit_hash_format_check",
        sql.raw(`hash_format in (${AUDIT_HASH_FORMATS.join(", ")})`),
      ),
      ...d.tenantPolicies("audit_events", "clinic_id"),
    ],
  );

  return { alerts, auditEvents };
}

export type AlertTables = ReturnType<typeof defineAlertTables>;
