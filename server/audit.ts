import { uuidv7 } from "uuidv7";
import { desc, eq } from "drizzle-orm";
import { lockClinic } from "@/db/engine/raw";
import type { Engine, Tx } from "@/db/engine/types";
import { auditEvents } from "@/db/schema";
import type { ActorKind } from "@/db/schema/enums";
import { CURRENT_HASH_FORMAT, eventHash } from "./audit-hash";
import { READ_ACTION, type ReadEntityType } from "./audit-classification";
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

/** The clinic's latest event: the one a new event follows. */
export interface ChainHead {
  seq: number;
  hash: string;
}

const FIELDS = [
  "id",
  "clinicId",
  "seq",
  "hashFormat",
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
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.clinicId, placeholder("clinicId")))
    // The chain's own order, not the event's clock: a clock step back must never fork the chain.
    .orderBy(desc(auditEvents.seq))
    .limit(1)
    .prepare("audit_chain_head"),
  insert: db
    .insert(auditEvents)
    .values(valuePlaceholders(FIELDS) as never)
    .prepare("audit_append"),
}));

/**
 * The event as stored: the input's fields, its place after `previous` in the clinic's chain, and
 * this event's hash over all of it (decision 024). recordAudit and the bulk writer build rows only
 * through this, so their chains agree.
 */
export function chainedAuditRow(input: AuditInput, previous: ChainHead | null) {
  const row = {
    clinicId: input.clinicId,
    seq: (previous?.seq ?? 0) + 1,
    hashFormat: CURRENT_HASH_FORMAT,
    actorKind: input.actorKind,
    actorId: input.actorId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    patientId: input.patientId ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    at: input.at ?? new Date(),
    ip: input.ip ?? null,
    prevHash: previous?.hash ?? null,
  };
  return { ...row, hash: eventHash(row) };
}

/** The clinic's latest event, in the chain's order. */
export async function chainHead(tx: Tx, clinicId: string): Promise<ChainHead | null> {
  const [head] = await statements(tx).head.execute({ clinicId });
  return head ?? null;
}

/**
 * Appends one audit event in the caller's transaction. Each event hashes the previous event of its
 * clinic, so a removed or edited row breaks the chain and shows. The clinic's lock is taken before
 * the head is read, so two writers of one clinic never both follow the same event (on PostgreSQL;
 * SQLite's one writer already runs them one at a time), and the unique (clinic, seq) index refuses
 * a fork should anything get past it.
 */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  await lockClinic(tx, input.clinicId);
  const row = chainedAuditRow(input, await chainHead(tx, input.clinicId));
  await statements(tx).insert.execute(driverValues(auditEvents, { id: uuidv7(), ...row }));
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
 * Appends the row of one read of health data, in the group commit: reads that arrive together
 * share a transaction, and the row is committed without a wait for the disk, so a page view costs
 * no sync. Resolves once the row is committed; the caller gives out the data only then, and
 * refuses it if this fails.
 */
export function recordRead(db: Engine, input: ReadInput): Promise<void> {
  return db.writeTogether(
    input.clinicId,
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
