import type {
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
} from "@medplum/fhirtypes";
import type { MeasureAnswer, MeasureDefinition } from "@/lib/measures/schema";
import { fullUrlOf, ref, resourceId } from "./ids";

/** The linkIds of what a measure file does not name itself. */
export const LINK = {
  activities: "activities",
  activity: "activity",
  activityScore: "activity-score",
  score: "score",
} as const;

/** One version of a measure's file is one Questionnaire: its id is derived from both. */
export function questionnaireId(measureId: string, version: number): string {
  return resourceId("Questionnaire", `${measureId}@${version}`, true);
}

/** The canonical URL a response names its questionnaire by: the entry's own `urn:uuid:`. */
export function questionnaireUrl(measureId: string, version: number): string {
  return fullUrlOf(questionnaireId(measureId, version));
}

function answerItem(linkId: string, text: string, answer: MeasureAnswer): QuestionnaireItem {
  if (answer.type === "choice") {
    return {
      linkId,
      text,
      type: "choice",
      required: true,
      // A code without a system: the option's value, named by this Questionnaire alone.
      answerOption: answer.options.map((o) => ({
        valueCoding: { code: String(o.value), display: o.label },
      })),
    };
  }
  return {
    linkId,
    text: `${text} (${answer.min} = ${answer.minLabel}; ${answer.max} = ${answer.maxLabel})`,
    type: "integer",
    required: true,
  };
}

/**
 * A measure as FHIR reads a form: its fixed questions, or for a patient-specific measure (the
 * PSFS) a repeating group of an activity and its rating, and a read-only score item that holds the
 * score Rehabit worked out, with the licence note as the copyright.
 */
export function toFhirQuestionnaire(measure: MeasureDefinition): Questionnaire {
  const items: QuestionnaireItem[] = measure.patientSpecific
    ? [
        {
          linkId: LINK.activities,
          text: "The activities named with the patient",
          type: "group",
          repeats: true,
          required: true,
          item: [
            { linkId: LINK.activity, text: "Activity", type: "string", required: true },
            answerItem(
              LINK.activityScore,
              measure.patientSpecific.prompt,
              measure.patientSpecific.answer,
            ),
          ],
        },
      ]
    : measure.items.map((item) => answerItem(item.id, item.text, item.answer));
  items.push({
    linkId: LINK.score,
    text: `Score (${measure.scoring.method}, ${measure.scoring.min} to ${measure.scoring.max}, ${measure.direction.replaceAll("-", " ")})`,
    type: "decimal",
    readOnly: true,
  });
  return {
    resourceType: "Questionnaire",
    id: questionnaireId(measure.id, measure.version),
    url: questionnaireUrl(measure.id, measure.version),
    version: String(measure.version),
    title: measure.name,
    status: "active",
    description: measure.summary,
    copyright: measure.licence.note,
    item: items,
  };
}

export interface ResponseInput {
  patientId: string;
  response: {
    id: string;
    measureId: string;
    measureVersion: number;
    submittedAt: Date;
    score: number;
  };
  answers: { itemId: string; itemText: string; position: number; value: number }[];
  /** A patient-specific measure's answers are about activities: the activity's words by id. */
  activities: ReadonlyMap<string, string>;
  /** The measure's file, when Rehabit still has it. */
  measure: MeasureDefinition | undefined;
}

/** A fixed item's answer: the chosen option as the Questionnaire codes it, or the number. */
function fixedAnswer(
  measure: MeasureDefinition | undefined,
  itemId: string,
  value: number,
): QuestionnaireResponseItemAnswer {
  const answer = measure?.items.find((i) => i.id === itemId)?.answer;
  const option = answer?.type === "choice" ? answer.options.find((o) => o.value === value) : null;
  return option
    ? { valueCoding: { code: String(option.value), display: option.label } }
    : { valueInteger: value };
}

/** One completed measure: each answer as the patient gave it, and the score. */
export function toFhirQuestionnaireResponse(input: ResponseInput): QuestionnaireResponse {
  const { response } = input;
  const answers = [...input.answers].sort((a, b) => a.position - b.position);
  const items: QuestionnaireResponseItem[] = input.measure?.patientSpecific
    ? answers.map((a) => ({
        linkId: LINK.activities,
        item: [
          {
            linkId: LINK.activity,
            answer: [{ valueString: input.activities.get(a.itemId) ?? a.itemText }],
          },
          { linkId: LINK.activityScore, text: a.itemText, answer: [{ valueInteger: a.value }] },
        ],
      }))
    : answers.map((a) => ({
        linkId: a.itemId,
        text: a.itemText,
        answer: [fixedAnswer(input.measure, a.itemId, a.value)],
      }));
  items.push({ linkId: LINK.score, answer: [{ valueDecimal: response.score }] });
  const patient = ref("Patient", resourceId("Patient", input.patientId));
  return {
    resourceType: "QuestionnaireResponse",
    id: resourceId("QuestionnaireResponse", response.id),
    questionnaire: `${questionnaireUrl(response.measureId, response.measureVersion)}|${response.measureVersion}`,
    status: "completed",
    subject: patient,
    authored: response.submittedAt.toISOString(),
    author: patient,
    source: patient,
    item: items,
  };
}
