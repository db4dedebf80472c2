import { aliasedTable, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/engine/types";
import { messages, users } from "@/db/schema";
import type { MessageAuthorKind } from "@/db/schema/enums";
import type { ClinicData } from "@/server/data/clinic-data";
import { NotFoundError } from "../errors";
import { patientTimeZone } from "../check-ins/record-check-in";
import { readClinicContact } from "../clinic/clinic-details";
import type { ClinicScope, PatientScope } from "../scope";

/** The most messages a thread shows at once, the latest ones. */
export const THREAD_LIMIT = 200;

export interface ThreadMessage {
  id: string;
  from: MessageAuthorKind;
  /** The staff member's name on a clinic message; null on the patient's own. */
  authorName: string | null;
  body: string;
  sentAt: Date;
  /** The other side's receipt: when the clinic (or the patient) first saw it. */
  readAt: Date | null;
  /** Who at the clinic first saw a patient's message (staff view only). */
  readByName: string | null;
}

const readers = aliasedTable(users, "readers");

/** The latest messages of a patient's thread, oldest first, through the (patient, created) index. */
async function latestMessages(
  db: Db,
  data: ClinicData,
  patientId: string,
): Promise<{ messages: ThreadMessage[]; more: boolean }> {
  const rows = await db
    .select({
      id: messages.id,
      from: messages.authorKind,
      authorName: users.name,
      body: messages.body,
      sentAt: messages.sentAt,
      createdAt: messages.createdAt,
      readByPatientAt: messages.readByPatientAt,
      readByStaffAt: messages.readByStaffAt,
      readByName: readers.name,
    })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorUserId))
    .leftJoin(readers, eq(readers.id, messages.readByUserId))
    .where(data.mine(messages, eq(messages.patientId, patientId)))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(THREAD_LIMIT + 1);
  return {
    more: rows.length > THREAD_LIMIT,
    messages: rows
      .slice(0, THREAD_LIMIT)
      .reverse()
      .map((r) => ({
        id: r.id,
        from: r.from,
        authorName: r.from === "staff" ? (r.authorName ?? null) : null,
        body: r.body,
        sentAt: r.sentAt,
        readAt: r.from === "patient" ? r.readByStaffAt : r.readByPatientAt,
        readByName: r.from === "patient" ? (r.readByName ?? null) : null,
      })),
  };
}

/**
 * The patient's own thread, with the clinic's contact details and emergency number: the thread
 * always shows them, because nobody triages a message as it arrives.
 */
export async function readPatientThread(options: { scope: PatientScope }) {
  const { scope } = options;
  const { data } = scope;
  return data.read(async (db) => {
    const clinic = await readClinicContact(db, data.clinicId);
    if (!clinic) throw new NotFoundError("Your clinic");
    const thread = await latestMessages(db, data, scope.patientId);
    return {
      clinic,
      timeZone: await patientTimeZone(db, scope),
      ...thread,
      // The patient does not see who at the clinic read their message, only that it was read.
      messages: thread.messages.map((m) => ({ ...m, readByName: null })),
    };
  });
}

/** A patient's thread as the clinic's staff see it; another clinic's patient is not found. */
export async function readStaffThread(options: { scope: ClinicScope; patientId: string }) {
  const { scope } = options;
  const { data } = scope;
  return data.read(async (db) => {
    const patient = await data.requirePatient(db, options.patientId);
    const thread = await latestMessages(db, data, patient.id);
    return {
      patientId: patient.id,
      patientName: patient.displayName,
      discharged: patient.status !== "active",
      unread: thread.messages.filter((m) => m.from === "patient" && m.readAt === null).length,
      ...thread,
    };
  });
}
