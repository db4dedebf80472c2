import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { clinics, users } from "./clinics";
import { createdAt, id, inList, timestamp } from "./columns";
import { ACTOR_KINDS, ALERT_SEVERITIES, ALERT_STATUSES } from "./enums";
import { patients } from "./patients";

export const alerts = sqliteTable(
  "alerts",
  {
    id: id(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id),
    /** Rule id without version, e.g. `pain-worsening`. */
    kind: text("kind").notNull(),
    severity: text("severity", { enum: ALERT_SEVERITIES }).notNull(),
    ruleId: text("rule_id").notNull(),
    ruleVersion: integer("rule_version").notNull(),
    /** The numbers that fired the rule, as they were. */
    inputs: text("inputs", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: ALERT_STATUSES }).notNull().default("open"),
    openedAt: createdAt(),
    updatedAt: timestamp("updated_at").notNull(),
    acknowledgedBy: text("acknowledged_by").references(() => users.id),
    acknowledgedAt: timestamp("acknowledged_at"),
    acknowledgeNote: text("acknowledge_note"),
    resolvedBy: text("resolved_by").references(() => users.id),
    resolvedAt: timestamp("resolved_at"),
  },
  (t) => [
    index("alerts_clinic_status_idx").on(t.clinicId, t.status),
    index("alerts_patient_idx").on(t.patientId),
    // One unresolved alert per patient and rule version: new evidence updates it instead. A rule's
    // new version opens its own alert beside an open one of the old version (decision 012).
    uniqueIndex("alerts_one_open_rule_idx")
      .on(t.patientId, t.ruleId)
      .where(sql`status <> 'resolved'`),
    check("alerts_severity_check", sql.raw(inList("severity", ALERT_SEVERITIES))),
    check("alerts_status_check", sql.raw(inList("status", ALERT_STATUSES))),
  ],
);

/** Append-only: each row carries the hash of the one before it in the same clinic. */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: id(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    actorKind: text("actor_kind", { enum: ACTOR_KINDS }).notNull(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    patientId: text("patient_id"),
    before: text("before", { mode: "json" }).$type<Record<string, unknown> | null>(),
    after: text("after", { mode: "json" }).$type<Record<string, unknown> | null>(),
    at: timestamp("at").notNull(),
    ip: text("ip"),
    prevHash: text("prev_hash"),
    hash: text("hash").notNull(),
  },
  (t) => [
    // The chain's head (the clinic's latest row by rowid) is read on every audited write: with
    // (clinic_id) alone its entries run in rowid order, so the head is one step, not a sort.
    index("audit_clinic_idx").on(t.clinicId),
    // Nothing reads the trail by patient or by time yet (decision 018): an index is added with the
    // first reader, not kept on every write in case.
    check("audit_actor_check", sql.raw(inList("actor_kind", ACTOR_KINDS))),
  ],
);
