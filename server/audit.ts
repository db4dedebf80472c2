import { createHash } from "node:crypto";
import { uuidv7 } from "uuidv7";
import { desc, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { ActorKind } from "@/db/schema/enums";
import { READ_ACTION, type ReadEntityType } from "./audit-classification";
import { writeTogether } from "./services/group-commit";
import { driverValues, perConnection, placeholder, valuePlaceholders } from "./services/prepared";

export interface AuditInput {
  clinicId: string;
  actorKind: ActorKind;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  patientId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  ip?: string | null;
  at?: Date;
}

const FIELDS = [
  "id",
  "clinicId",
  "actorKind",
  "actorId",
  "action",
  "entityType",
  "entityId",
  "patientId",
  "before",
  "after",
  "at",
  "ip",
  "prevHash",
  "hash",
] as const;

/** Every write appends an event: its two statements are prepared once per connection. */
const statements = perConnection((db) => ({
  head: db
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.clinicId, placeholder("clinicId")))
    // Insertion order, not the event's own clock: a clock step back must never fork the chain.
    .orderBy(desc(sql`rowid`))
    .limit(1)
    .prepare(),
  insert: db
    .insert(auditEvents)
    .values(valuePlaceholders(FIELDS) as never)
    .prepare(),
}));

/**
 * The event as stored: the input's fields, the previous event's hash, and this event's hash over
 * both. recordAudit and the bench's bulk writer build rows only through this, so their chains agree.
 */
export function chainedAuditRow(input: AuditInput, prevHash: string | null) {
  const at = input.at ?? new Date();
  const row = {
    clinicId: input.clinicId,
    actorKind: input.actorKind,
    actorId: input.actorId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    patientId: input.patientId ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    at,
    ip: input.ip ?? null,
    prevHash,
  };
  const hash = createHash("sha256")
    .update(JSON.stringify({ ...row, at: at.toISOString() }))
    .digest("hex");
  return { ...row, hash };
}

/**
 * Appends one audit event in the caller's transaction. Each event hashes the previous event of its
 * clinic, so a removed or edited row breaks the chain and shows.
 */
export function recordAudit(tx: DbOrTx, input: AuditInput): void {
  const write = statements(tx);
  const previous = write.head.get({ clinicId: input.clinicId });
  const row = chainedAuditRow(input, previous?.hash ?? null);
  write.insert.run(driverValues(auditEvents, { id: uuidv7(), ...row }));
}

/** Who read what: never the data itself (decision 021). */
export interface ReadInput {
  clinicId: string;
  actorKind: ActorKind;
  actorId: string;
  entityType: ReadEntityType;
  /** The patient the read was about; null for a list of many (the caseload). */
  patientId: string | null;
  ip: string | null;
}

/**
 * Appends the row of one read of health data, in the group commit (group-commit.ts): reads that
 * arrive together share a transaction, and the row is committed without a wait for the disk, so a
 * page view costs no sync. Resolves once the row is committed; the caller gives out the data only
 * then, and refuses it if this fails.
 */
export function recordRead(db: Db, input: ReadInput): Promise<void> {
  return writeTogether(
    db,
    (tx) =>
      recordAudit(tx, {
        clinicId: input.clinicId,
        actorKind: input.actorKind,
        actorId: input.actorId,
        action: READ_ACTION,
        entityType: input.entityType,
        entityId: input.patientId,
        patientId: input.patientId,
        ip: input.ip,
      }),
    { syncToDisk: false },
  );
}
