import type { DocumentReference } from "@medplum/fhirtypes";
import type { NoteFormat } from "@/db/schema/enums";
import { DISCHARGE_DOCUMENT_CODE, NOTE_DOCUMENT_CODE } from "./codes";
import { ref, resourceId } from "./ids";

export interface NoteInput {
  patientId: string;
  note: { id: string; authorId: string; createdAt: Date };
  /** The newest revision: the note as it stands. */
  revision: {
    number: number;
    day: string;
    format: NoteFormat;
    body: string | null;
    subjective: string | null;
    objective: string | null;
    assessment: string | null;
    plan: string | null;
    createdAt: Date;
  };
}

/** The note's text as one plain document: a SOAP note keeps its four headings. */
export function noteText(revision: NoteInput["revision"]): string {
  if (revision.format === "free") return revision.body ?? "";
  return (
    [
      ["Subjective", revision.subjective],
      ["Objective", revision.objective],
      ["Assessment", revision.assessment],
      ["Plan", revision.plan],
    ] as const
  )
    .filter(([, text]) => text)
    .map(([heading, text]) => `${heading}:\n${text}`)
    .join("\n\n");
}

/** Text in an attachment is base64 of its UTF-8 bytes. */
function textAttachment(text: string, title: string, creation: Date) {
  return {
    contentType: "text/plain; charset=utf-8",
    data: Buffer.from(text, "utf8").toString("base64"),
    title,
    creation: creation.toISOString(),
  };
}

/**
 * A clinical note as it stands now (its newest revision): "amended" when it was edited, with the
 * day it is about. Earlier revisions stay in Rehabit's history (decision 031).
 */
export function toFhirNoteDocument(input: NoteInput): DocumentReference {
  const { note, revision } = input;
  return {
    resourceType: "DocumentReference",
    id: resourceId("DocumentReference", note.id),
    status: "current",
    docStatus: revision.number > 1 ? "amended" : "final",
    type: { coding: [{ ...NOTE_DOCUMENT_CODE }], text: "Clinical note" },
    subject: ref("Patient", resourceId("Patient", input.patientId)),
    date: revision.createdAt.toISOString(),
    author: [ref("Practitioner", resourceId("Practitioner", note.authorId))],
    description: `Clinical note, ${revision.day}`,
    content: [
      {
        attachment: textAttachment(
          noteText(revision),
          `Clinical note, ${revision.day}`,
          note.createdAt,
        ),
      },
    ],
    context: { period: { start: revision.day, end: revision.day } },
  };
}

export interface DischargeInput {
  patientId: string;
  summary: {
    id: string;
    authorId: string;
    episodeStartedAt: Date;
    dischargedAt: Date;
    closingNote: string;
    createdAt: Date;
  };
}

/**
 * The discharge: the episode it closed and the clinician's closing note. The summary's figures are
 * worked out from the record whenever it is shown; the export carries that record itself.
 */
export function toFhirDischargeDocument(input: DischargeInput): DocumentReference {
  const { summary } = input;
  return {
    resourceType: "DocumentReference",
    id: resourceId("DocumentReference", summary.id),
    status: "current",
    docStatus: "final",
    type: { coding: [{ ...DISCHARGE_DOCUMENT_CODE }], text: "Discharge summary" },
    subject: ref("Patient", resourceId("Patient", input.patientId)),
    date: summary.createdAt.toISOString(),
    author: [ref("Practitioner", resourceId("Practitioner", summary.authorId))],
    description: "Discharge summary: the clinician's closing note",
    content: [
      {
        attachment: textAttachment(summary.closingNote, "Discharge summary", summary.createdAt),
      },
    ],
    context: {
      period: {
        start: summary.episodeStartedAt.toISOString(),
        end: summary.dischargedAt.toISOString(),
      },
    },
  };
}
