import { and, asc, eq, inArray } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import {
  checkIns,
  clinicalNoteRevisions,
  clinicalNotes,
  clinics,
  dischargeSummaries,
  exercises,
  goals,
  measureActivities,
  measureAnswers,
  measureResponses,
  messages,
  painReports,
  programItems,
  programs,
  programVersions,
  users,
} from "@/db/schema";
import { findMeasure } from "@/lib/measures";
import type { PatientRow, PatientTable } from "@/server/data/clinic-data";
import type { ClinicScope } from "../scope";
import { toFhirBundle, type ExportResource } from "./bundle";
import { toFhirCarePlan } from "./care-plan";
import { toFhirCommunication } from "./communication";
import { toFhirCondition } from "./condition";
import { toFhirDischargeDocument, toFhirNoteDocument } from "./document-reference";
import { toFhirGoal } from "./goal";
import { toFhirPainObservation } from "./observation";
import { toFhirOrganization } from "./organization";
import { toFhirPatient } from "./patient";
import { toFhirPractitioner } from "./practitioner";
import { toFhirQuestionnaire, toFhirQuestionnaireResponse } from "./questionnaire";
import { toFhirServiceRequest } from "./service-request";

type Entry = ExportResource;

/** Oldest first, ties by id: the same record always exports in the same order. */
const byTimeThenId = <T extends { at: Date; id: string }>(a: T, b: T) =>
  a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Everything Rehabit holds about one patient of this clinic, read in one consistent read through
 * the clinic's data layer (another clinic's patient is NotFound, like a missing one), each table
 * by the patient's own index, then mapped resource by resource into one FHIR R4 Bundle
 * (decision 031).
 */
export async function exportPatientFhir(options: {
  scope: ClinicScope;
  patientId: string;
  now?: Date;
}) {
  const { data } = options.scope;
  const rows = await data.read(async (db) => {
    const patient = await data.requirePatient(db, options.patientId);
    // Each table through its own (patient_id, ...) index.
    const ofPatient = (table: PatientTable) => data.mine(table, eq(table.patientId, patient.id));
    const [clinic] = await db
      .select({ id: clinics.id, name: clinics.name, phone: clinics.phone, email: clinics.email })
      .from(clinics)
      .where(data.clinicIs(clinics.id))
      .limit(1);
    const programRows = await db
      .select({ id: programs.id, status: programs.status, endedAt: programs.endedAt })
      .from(programs)
      .where(ofPatient(programs))
      .orderBy(asc(programs.createdAt), asc(programs.id));
    const versions =
      programRows.length === 0
        ? []
        : await db
            .select({
              id: programVersions.id,
              programId: programVersions.programId,
              number: programVersions.number,
              reason: programVersions.reason,
              note: programVersions.note,
              painLimit: programVersions.painLimit,
              effectiveFrom: programVersions.effectiveFrom,
              createdAt: programVersions.createdAt,
              authorId: programVersions.authorId,
            })
            .from(programVersions)
            .where(
              data.mine(
                programVersions,
                inArray(
                  programVersions.programId,
                  programRows.map((p) => p.id),
                ),
              ),
            )
            .orderBy(asc(programVersions.programId), asc(programVersions.number));
    const items =
      versions.length === 0
        ? []
        : await db
            .select({
              item: programItems,
              name: exercises.name,
              sidedness: exercises.sidedness,
            })
            .from(programItems)
            .innerJoin(exercises, eq(exercises.id, programItems.exerciseId))
            .where(
              data.mine(
                programItems,
                inArray(
                  programItems.versionId,
                  versions.map((v) => v.id),
                ),
              ),
            )
            .orderBy(asc(programItems.versionId), asc(programItems.position));
    const pain = await db
      .select({
        id: painReports.id,
        context: painReports.context,
        score: painReports.score,
        submittedAt: checkIns.submittedAt,
        versionId: checkIns.versionId,
        note: checkIns.note,
      })
      .from(painReports)
      .innerJoin(checkIns, eq(checkIns.id, painReports.checkInId))
      // pain_reports_patient_day_score_idx, not every report of the clinic.
      .where(data.mine(painReports, eq(painReports.patientId, patient.id)));
    const goalRows = await db.select().from(goals).where(ofPatient(goals));
    const notes = await db
      .select({
        id: clinicalNotes.id,
        authorId: clinicalNotes.authorId,
        createdAt: clinicalNotes.createdAt,
      })
      .from(clinicalNotes)
      .where(ofPatient(clinicalNotes));
    const revisions = await db
      .select()
      .from(clinicalNoteRevisions)
      .where(ofPatient(clinicalNoteRevisions));
    const discharges = await db
      .select()
      .from(dischargeSummaries)
      .where(ofPatient(dischargeSummaries));
    const messageRows = await db
      .select({
        id: messages.id,
        authorKind: messages.authorKind,
        authorUserId: messages.authorUserId,
        body: messages.body,
        sentAt: messages.sentAt,
        readByPatientAt: messages.readByPatientAt,
        readByStaffAt: messages.readByStaffAt,
      })
      .from(messages)
      .where(ofPatient(messages));
    const responses = await db
      .select({
        id: measureResponses.id,
        measureId: measureResponses.measureId,
        measureVersion: measureResponses.measureVersion,
        submittedAt: measureResponses.submittedAt,
        score: measureResponses.score,
      })
      .from(measureResponses)
      .where(ofPatient(measureResponses));
    // Asked even when there are no responses, so the query-plan check always sees these two.
    const answers = await db
      .select({
        responseId: measureAnswers.responseId,
        itemId: measureAnswers.itemId,
        itemText: measureAnswers.itemText,
        position: measureAnswers.position,
        value: measureAnswers.value,
      })
      .from(measureAnswers)
      .innerJoin(measureResponses, eq(measureResponses.id, measureAnswers.responseId))
      .where(and(ofPatient(measureResponses), data.mine(measureAnswers)));
    const activities = await db
      .select({ id: measureActivities.id, text: measureActivities.text })
      .from(measureActivities)
      .where(ofPatient(measureActivities));
    const staffIds = new Set<string>();
    for (const v of versions) staffIds.add(v.authorId);
    for (const g of goalRows) staffIds.add(g.createdBy);
    for (const n of notes) staffIds.add(n.authorId);
    for (const d of discharges) staffIds.add(d.authorId);
    for (const m of messageRows) if (m.authorUserId) staffIds.add(m.authorUserId);
    const staff =
      staffIds.size === 0
        ? []
        : await db
            .select({ id: users.id, name: users.name })
            .from(users)
            .where(data.mine(users, inArray(users.id, [...staffIds])))
            .orderBy(asc(users.id));
    return {
      patient,
      clinic,
      programRows,
      versions,
      items,
      pain,
      goalRows,
      notes,
      revisions,
      discharges,
      messageRows,
      responses,
      answers,
      activities,
      staff,
    };
  });
  return buildPatientBundle(rows, options.now ?? new Date());
}

/** Groups rows by a key, keeping their order (Map.groupBy needs Node 21). */
function groupBy<T>(list: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of list) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** What the export reads about one patient. */
export interface ExportRows {
  patient: PatientRow;
  clinic: { id: string; name: string; phone: string | null; email: string | null } | undefined;
  programRows: { id: string; status: "active" | "ended"; endedAt: Date | null }[];
  versions: {
    id: string;
    programId: string;
    number: number;
    reason: Parameters<typeof toFhirCarePlan>[0]["version"]["reason"];
    note: string | null;
    painLimit: number;
    effectiveFrom: Date;
    createdAt: Date;
    authorId: string;
  }[];
  items: {
    item: Parameters<typeof toFhirServiceRequest>[0]["item"] & { versionId: string };
    name: string;
    sidedness: Parameters<typeof toFhirServiceRequest>[0]["exercise"]["sidedness"];
  }[];
  pain: {
    id: string;
    context: Parameters<typeof toFhirPainObservation>[0]["report"]["context"];
    score: number;
    submittedAt: Date;
    versionId: string | null;
    note: string | null;
  }[];
  goalRows: Parameters<typeof toFhirGoal>[0]["goal"][];
  notes: { id: string; authorId: string; createdAt: Date }[];
  revisions: (Parameters<typeof toFhirNoteDocument>[0]["revision"] & { noteId: string })[];
  discharges: Parameters<typeof toFhirDischargeDocument>[0]["summary"][];
  messageRows: Parameters<typeof toFhirCommunication>[0]["message"][];
  responses: Parameters<typeof toFhirQuestionnaireResponse>[0]["response"][];
  answers: (Parameters<typeof toFhirQuestionnaireResponse>[0]["answers"][number] & {
    responseId: string;
  })[];
  activities: { id: string; text: string }[];
  staff: { id: string; name: string }[];
}

/** The Bundle from the rows the export read, with no database: each row through its mapper. */
export function buildPatientBundle(rows: ExportRows, now: Date) {
  const { patient } = rows;
  const patientId = patient.id;
  const resources: Entry[] = [toFhirPatient(patient) as Entry];
  if (rows.clinic) resources.push(toFhirOrganization(rows.clinic) as Entry);
  for (const user of rows.staff) resources.push(toFhirPractitioner(user) as Entry);
  resources.push(toFhirCondition({ ...patient, patientId }) as Entry);

  const programById = new Map(rows.programRows.map((p) => [p.id, p]));
  const itemsByVersion = groupBy(rows.items, (r) => r.item.versionId);
  const versionsInOrder = [...rows.versions].sort(
    (a, b) =>
      rows.programRows.findIndex((p) => p.id === a.programId) -
        rows.programRows.findIndex((p) => p.id === b.programId) || a.number - b.number,
  );
  const requests: Entry[] = [];
  versionsInOrder.forEach((version, i) => {
    const program = programById.get(version.programId)!;
    const previous = versionsInOrder[i - 1];
    const next = versionsInOrder[i + 1];
    const sameProgramNext = next?.programId === version.programId ? next : undefined;
    const endedAt = sameProgramNext
      ? sameProgramNext.effectiveFrom
      : program.status === "ended"
        ? (program.endedAt ?? version.effectiveFrom)
        : null;
    const versionItems = itemsByVersion.get(version.id) ?? [];
    resources.push(
      toFhirCarePlan({
        patientId,
        version,
        previousVersionId: previous?.programId === version.programId ? previous.id : null,
        endedAt,
        itemIds: versionItems.map((r) => r.item.id),
      }) as Entry,
    );
    for (const row of versionItems) {
      requests.push(
        toFhirServiceRequest({
          patientId,
          versionId: version.id,
          authorId: version.authorId,
          createdAt: version.createdAt,
          inForce: endedAt === null,
          item: row.item,
          exercise: { name: row.name, sidedness: row.sidedness },
        }) as Entry,
      );
    }
  });
  resources.push(...requests);

  const pain = rows.pain.map((r) => ({ ...r, at: r.submittedAt })).sort(byTimeThenId);
  for (const r of pain) {
    resources.push(
      toFhirPainObservation({
        patientId,
        report: r,
        checkIn: { submittedAt: r.submittedAt, versionId: r.versionId, note: r.note },
      }) as Entry,
    );
  }

  const answersByResponse = groupBy(rows.answers, (a) => a.responseId);
  const activityText = new Map(rows.activities.map((a) => [a.id, a.text]));
  const responses = rows.responses.map((r) => ({ ...r, at: r.submittedAt })).sort(byTimeThenId);
  const questionnaires = new Map<string, Entry>();
  const measureResponses: Entry[] = [];
  for (const response of responses) {
    const measure = findMeasure(response.measureId);
    if (measure && !questionnaires.has(measure.id))
      questionnaires.set(measure.id, toFhirQuestionnaire(measure) as Entry);
    measureResponses.push(
      toFhirQuestionnaireResponse({
        patientId,
        response,
        answers: answersByResponse.get(response.id) ?? [],
        activities: activityText,
        measure,
      }) as Entry,
    );
  }
  resources.push(...questionnaires.values(), ...measureResponses);

  const goalsInOrder = rows.goalRows.map((g) => ({ ...g, at: g.createdAt })).sort(byTimeThenId);
  for (const goal of goalsInOrder) {
    resources.push(toFhirGoal({ patientId, timeZone: patient.timeZone, goal }) as Entry);
  }

  const newest = new Map<string, ExportRows["revisions"][number]>();
  for (const r of rows.revisions) {
    const seen = newest.get(r.noteId);
    if (!seen || r.number > seen.number) newest.set(r.noteId, r);
  }
  const notes = rows.notes.map((n) => ({ ...n, at: n.createdAt })).sort(byTimeThenId);
  for (const note of notes) {
    const revision = newest.get(note.id);
    if (revision) resources.push(toFhirNoteDocument({ patientId, note, revision }) as Entry);
  }
  const discharges = rows.discharges.map((d) => ({ ...d, at: d.dischargedAt })).sort(byTimeThenId);
  for (const summary of discharges) {
    resources.push(toFhirDischargeDocument({ patientId, summary }) as Entry);
  }

  const sent = rows.messageRows.map((m) => ({ ...m, at: m.sentAt })).sort(byTimeThenId);
  for (const message of sent) {
    resources.push(
      toFhirCommunication({ patientId, clinicId: patient.clinicId, message }) as Entry,
    );
  }

  return toFhirBundle({ id: uuidv7(), at: now, resources });
}
