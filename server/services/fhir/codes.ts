import type { PainContext } from "@/db/schema/enums";

/**
 * The code systems the export names. Standard ones where a standard code exists; for what only
 * Rehabit records (when a pain score was given), a code system named by a fixed UUID, as FHIR
 * allows for systems without a web address of their own (decision 031), so no domain is claimed.
 */
export const LOINC = "http://loinc.org";
export const OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
export const CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
export const GOAL_ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement";
export const PAIN_CONTEXT_SYSTEM = "urn:uuid:0691943d-0cff-4692-bd36-442208fa8c71";

/** LOINC 72514-3, the 0–10 numeric rating scale our patients answer. */
export const PAIN_SEVERITY_CODE = {
  system: LOINC,
  code: "72514-3",
  display: "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
} as const;

/** LOINC document types for the notes and the discharge summary. */
export const NOTE_DOCUMENT_CODE = { system: LOINC, code: "11506-3", display: "Progress note" };
export const DISCHARGE_DOCUMENT_CODE = {
  system: LOINC,
  code: "18842-5",
  display: "Discharge summary",
} as const;

/** When the patient felt the pain they scored, in the words of the pain chart. */
export const PAIN_CONTEXT_DISPLAY: Record<PainContext, string> = {
  morning: "Morning, on waking",
  during: "During exercise",
  after: "An hour after exercise",
  next_morning: "The morning after exercise",
};
