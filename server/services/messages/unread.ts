import { asc, count, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/engine/types";
import { clinics, messages, messageThreads, patients, patientSummaries } from "@/db/schema";
import { minePrepared, type ClinicData } from "@/server/data/clinic-data";
import { refreshPatient, type Actor } from "../clinical/refresh-patient";
import { perConnection, placeholder } from "../prepared";
import type { ClinicScope } from "../scope";

/** The patient's messages nobody at the clinic has read, counted through the thread's index. */
export async function countUnreadFromPatient(
  tx: Tx,
  data: ClinicData,
  patientId: string,
): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(messages)
    .where(
      data.mine(
        messages,
        eq(messages.patientId, patientId),
        eq(messages.authorKind, "patient"),
        isNull(messages.readByStaffAt),
      ),
    );
  return row?.n ?? 0;
}

/**
 * Writes the patient's unread count on their summary row, in the caller's transaction, so the
 * caseload and the menu read it without a join. Counted afresh rather than added to, so it can
 * never drift from the messages. A patient without a summary row yet (written by a factory or an
 * import) gets one first.
 */
export async function storeUnreadCount(options: {
  tx: Tx;
  data: ClinicData;
  patientId: string;
  now: Date;
  actor: Actor;
}): Promise<number> {
  const { tx, data, patientId } = options;
  const unread = await countUnreadFromPatient(tx, data, patientId);
  const write = () =>
    tx
      .update(patientSummaries)
      .set({ unreadMessages: unread })
      .where(data.mine(patientSummaries, eq(patientSummaries.patientId, patientId)))
      .returning({ patientId: patientSummaries.patientId });
  if ((await write()).length === 0) {
    await refreshPatient({
      tx,
      clinicId: data.clinicId,
      patientId,
      now: options.now,
      actor: options.actor,
    });
    await write();
  }
  return unread;
}

/** The staff menu's count, on every staff page: prepared once per connection. */
const unreadStatements = perConnection((db) => ({
  counts: db
    .select({
      patients: count(),
      messages: sql<number>`coalesce(sum(${patientSummaries.unreadMessages}), 0)`.mapWith(Number),
      minePatients:
        sql<number>`coalesce(sum(case when ${patients.primaryClinicianId} = ${placeholder("userId")} then 1 else 0 end), 0)`.mapWith(
          Number,
        ),
    })
    .from(patientSummaries)
    .innerJoin(patients, eq(patients.id, patientSummaries.patientId))
    .where(minePrepared(patientSummaries, gt(patientSummaries.unreadMessages, 0)))
    .prepare("messages_unread_counts"),
}));

/**
 * For the staff menu: how many patients have unread messages and how many messages that is, for
 * the clinic and for the signed-in clinician's own patients. One read of the summaries'
 * (clinic_id, unread_messages) index, however large the caseload.
 */
export async function unreadMessageCounts(options: { scope: ClinicScope }) {
  const { scope } = options;
  const { data } = scope;
  const [row] = await data.read((db) =>
    unreadStatements(db).counts.execute(data.bind({ userId: scope.userId })),
  );
  return {
    patients: row?.patients ?? 0,
    messages: row?.messages ?? 0,
    minePatients: row?.minePatients ?? 0,
  };
}

/** The most patients the messages inbox lists at once: the oldest waiting first. */
export const INBOX_LIMIT = 100;

/**
 * The patients whose messages wait to be read, for the messages inbox: the ones waiting longest
 * first, through the same index as the count.
 */
export async function listUnreadThreads(options: { scope: ClinicScope }) {
  const { scope } = options;
  const { data } = scope;
  const { rows, clinic } = await data.read(async (db) => ({
    clinic: (
      await db
        .select({ timeZone: clinics.timeZone })
        .from(clinics)
        .where(data.clinicIs(clinics.id))
        .limit(1)
    )[0],
    rows: await db
      .select({
        patientId: patients.id,
        patientName: patients.displayName,
        clinicianId: patients.primaryClinicianId,
        unread: patientSummaries.unreadMessages,
        lastMessageAt: messageThreads.lastMessageAt,
      })
      .from(patientSummaries)
      .innerJoin(patients, eq(patients.id, patientSummaries.patientId))
      .innerJoin(messageThreads, eq(messageThreads.patientId, patientSummaries.patientId))
      .where(data.mine(patientSummaries, gt(patientSummaries.unreadMessages, 0)))
      .orderBy(asc(messageThreads.lastMessageAt), desc(patientSummaries.unreadMessages))
      .limit(INBOX_LIMIT),
  }));
  return {
    timeZone: clinic?.timeZone ?? "UTC",
    threads: rows.map((r) => ({
      patientId: r.patientId,
      patientName: r.patientName,
      unread: r.unread,
      lastMessageAt: r.lastMessageAt,
      mine: r.clinicianId === scope.userId,
    })),
  };
}
