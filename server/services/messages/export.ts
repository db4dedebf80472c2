import { asc, eq } from "drizzle-orm";
import { messages, users } from "@/db/schema";
import { dayInZone } from "@/server/domain/days";
import type { ClinicScope } from "../scope";

/**
 * Every message of a patient's thread, oldest first, for the patient's CSV export: the patient's
 * calendar day, when it was sent, who wrote it and the text. Kept with the record, like the
 * check-ins; another clinic's patient is not found.
 */
export async function exportMessages(options: { scope: ClinicScope; patientId: string }) {
  const { scope } = options;
  const { data } = scope;
  return data.read(async (db) => {
    const patient = await data.requirePatient(db, options.patientId);
    const rows = await db
      .select({
        sentAt: messages.sentAt,
        from: messages.authorKind,
        authorName: users.name,
        body: messages.body,
        readByStaffAt: messages.readByStaffAt,
        readByPatientAt: messages.readByPatientAt,
      })
      .from(messages)
      .leftJoin(users, eq(users.id, messages.authorUserId))
      .where(data.mine(messages, eq(messages.patientId, patient.id)))
      .orderBy(asc(messages.createdAt), asc(messages.id));
    return rows.map((r) => ({
      day: dayInZone(r.sentAt, patient.timeZone),
      sentAt: r.sentAt,
      from: r.from,
      authorName: r.from === "staff" ? (r.authorName ?? null) : null,
      body: r.body,
      readAt: r.from === "patient" ? r.readByStaffAt : r.readByPatientAt,
    }));
  });
}
