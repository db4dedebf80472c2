import { createHash } from "node:crypto";
import { desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { ActorKind } from "@/db/schema/enums";

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

/**
 * Appends one audit event in the caller's transaction. Each event hashes the previous event of its
 * clinic, so a removed or edited row breaks the chain and shows.
 */
export function recordAudit(tx: DbOrTx, input: AuditInput): void {
  const previous = tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.clinicId, input.clinicId))
    // Insertion order, not the event's own clock: a clock step back must never fork the chain.
    .orderBy(desc(sql`rowid`))
    .limit(1)
    .get();
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
    prevHash: previous?.hash ?? null,
  };
  const hash = createHash("sha256")
    .update(JSON.stringify({ ...row, at: at.toISOString() }))
    .digest("hex");
  tx.insert(auditEvents)
    .values({ ...row, hash })
    .run();
}
