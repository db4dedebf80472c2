import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db/engine/types";
import { messages } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import type { ClinicScope, PatientScope } from "../scope";
import { storeUnreadCount } from "./unread";

/**
 * Gives the patient's unread messages their receipt (now, by this staff member) and brings the
 * clinic's unread count to 0, in the caller's transaction, with one audit row when anything
 * changed. A receipt is set once: the first reader's stays.
 */
export async function markPatientMessagesRead(options: {
  tx: Tx;
  scope: ClinicScope;
  patientId: string;
  now: Date;
}): Promise<number> {
  const { tx, scope, patientId, now } = options;
  const { data } = scope;
  const marked = await tx
    .update(messages)
    .set({ readByStaffAt: now, readByUserId: scope.userId })
    .where(
      data.mine(
        messages,
        eq(messages.patientId, patientId),
        eq(messages.authorKind, "patient"),
        isNull(messages.readByStaffAt),
      ),
    )
    .returning({ id: messages.id });
  if (marked.length === 0) return 0;
  await recordAudit(tx, {
    clinicId: data.clinicId,
    actorKind: "user",
    actorId: scope.userId,
    action: "message.read",
    entityType: "message_thread",
    entityId: null,
    patientId,
    after: { messages: marked.length },
    ip: scope.ip,
    at: now,
  });
  await storeUnreadCount({
    tx,
    data,
    patientId,
    now,
    actor: { kind: "user", id: scope.userId, ip: scope.ip },
  });
  return marked.length;
}

/** Staff opened the patient's thread: its waiting messages are read. */
export async function markThreadReadByStaff(options: {
  scope: ClinicScope;
  patientId: string;
  now?: Date;
}): Promise<{ marked: number }> {
  const { scope } = options;
  const now = options.now ?? new Date();
  const marked = await scope.data.write(async (tx) => {
    const patient = await scope.data.requirePatient(tx, options.patientId);
    return markPatientMessagesRead({ tx, scope, patientId: patient.id, now });
  });
  return { marked };
}

/**
 * The patient opened their thread: the clinic's messages get their receipt, once. Not an answer,
 * so not counted against the link's limits; it writes only when something was unread.
 */
export async function markThreadReadByPatient(options: {
  scope: PatientScope;
  now?: Date;
}): Promise<{ marked: number }> {
  const { scope } = options;
  const { data } = scope;
  const now = options.now ?? new Date();
  const unread = and(eq(messages.authorKind, "staff"), isNull(messages.readByPatientAt));
  // Most visits find nothing new: a read first, so they take no write.
  const [waiting] = await data.read((db) =>
    db.select({ id: messages.id }).from(messages).where(data.ours(messages, unread)).limit(1),
  );
  if (!waiting) return { marked: 0 };
  const marked = await data.write(async (tx) => {
    const rows = await tx
      .update(messages)
      .set({ readByPatientAt: now })
      .where(data.ours(messages, unread))
      .returning({ id: messages.id });
    if (rows.length > 0) {
      await recordAudit(tx, {
        clinicId: data.clinicId,
        actorKind: "patient_link",
        actorId: scope.linkId,
        action: "message.read",
        entityType: "message_thread",
        entityId: null,
        patientId: scope.patientId,
        after: { messages: rows.length },
        ip: scope.ip,
        at: now,
      });
    }
    return rows.length;
  });
  return { marked };
}
