import { describe, expect, it } from "vitest";
import { findMeasure } from "@/lib/measures";
import { bundleErrors, fhirErrors } from "@/server/testing/fhir-validator";
import { toFhirBundle } from "./bundle";
import { toFhirCarePlan } from "./care-plan";
import { PAIN_CONTEXT_SYSTEM } from "./codes";
import { toFhirCommunication } from "./communication";
import { conditionId, toFhirCondition } from "./condition";
import { noteText, toFhirDischargeDocument, toFhirNoteDocument } from "./document-reference";
import { toFhirGoal } from "./goal";
import { fullUrlOf, resourceId } from "./ids";
import { toFhirPainObservation } from "./observation";
import { toFhirOrganization } from "./organization";
import { toFhirPatient } from "./patient";
import { toFhirPractitioner } from "./practitioner";
import {
  questionnaireUrl,
  toFhirQuestionnaire,
  toFhirQuestionnaireResponse,
} from "./questionnaire";
import { doseTiming, toFhirServiceRequest, type ServiceRequestInput } from "./service-request";

const PATIENT = "01930000-0000-7000-8000-000000000001";
const CLINIC = "01930000-0000-7000-8000-0000000000c1";
const USER = "01930000-0000-7000-8000-0000000000a1";
const V1 = "01930000-0000-7000-8000-0000000000f1";
const V2 = "01930000-0000-7000-8000-0000000000f2";
const at = (iso: string) => new Date(iso);

const item: ServiceRequestInput["item"] = {
  id: "01930000-0000-7000-8000-0000000000e1",
  position: 1,
  sets: 3,
  reps: 12,
  holdSeconds: 5,
  restSeconds: 60,
  durationSeconds: null,
  sessionsPerDay: 2,
  daysPerWeek: 5,
  side: "left",
  loadKg: null,
  bandColour: "red",
  notes: "Slow on the way down.",
};

describe("ids", () => {
  it("keeps a row's UUID and derives a stable UUID for anything else", () => {
    expect(resourceId("Patient", PATIENT)).toBe(PATIENT);
    const derived = resourceId("Condition", PATIENT, true);
    expect(derived).not.toBe(PATIENT);
    expect(derived).toBe(conditionId(PATIENT));
    expect(derived).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(resourceId("Exercise", "wall-squat")).toBe(resourceId("Exercise", "wall-squat"));
    expect(resourceId("Exercise", "wall-squat")).not.toBe(resourceId("Other", "wall-squat"));
    expect(fullUrlOf(PATIENT)).toBe(`urn:uuid:${PATIENT}`);
  });
});

describe("the patient, the clinic and its clinicians", () => {
  it("names the patient by one text, a year of birth and the clinic that keeps the record", () => {
    const patient = toFhirPatient({
      id: PATIENT,
      clinicId: CLINIC,
      displayName: "Alice Andrews",
      yearOfBirth: 1984,
      status: "discharged",
      affectedSide: "left",
    });
    expect(patient).toMatchObject({
      active: false,
      name: [{ text: "Alice Andrews" }],
      birthDate: "1984",
      identifier: [{ system: "urn:ietf:rfc:3986", value: `urn:uuid:${PATIENT}` }],
      managingOrganization: { reference: `urn:uuid:${CLINIC}` },
    });
    expect(fhirErrors(patient)).toEqual([]);
  });

  it("gives the clinic its public contacts and a clinician only a name", () => {
    const clinic = toFhirOrganization({ id: CLINIC, name: "Riverside", phone: "020", email: null });
    expect(clinic.telecom).toEqual([{ system: "phone", value: "020", use: "work" }]);
    const practitioner = toFhirPractitioner({ id: USER, name: "Dr Jones" });
    expect(Object.keys(practitioner).sort()).toEqual(["id", "name", "resourceType"]);
    expect([...fhirErrors(clinic), ...fhirErrors(practitioner)]).toEqual([]);
  });

  it("says a discharged patient's condition is inactive, not resolved", () => {
    const input = {
      patientId: PATIENT,
      condition: "runners_knee" as const,
      affectedSide: "both" as const,
      createdAt: at("2026-01-05T09:00:00Z"),
    };
    const active = toFhirCondition({ ...input, status: "active" });
    const closed = toFhirCondition({ ...input, status: "discharged" });
    expect(active.clinicalStatus?.coding?.[0]?.code).toBe("active");
    expect(closed.clinicalStatus?.coding?.[0]?.code).toBe("inactive");
    expect(active.code?.text).toBe("Runner's knee");
    expect(active.bodySite?.[0]?.text).toBe("Both knees");
    expect(fhirErrors(active)).toEqual([]);
  });
});

describe("the program", () => {
  const version = {
    id: V2,
    number: 2,
    reason: "regress" as const,
    note: "Sore after stairs",
    painLimit: 3,
    effectiveFrom: at("2026-11-15T09:00:00Z"),
    createdAt: at("2026-11-15T08:59:00Z"),
    authorId: USER,
  };

  it("makes each version a CarePlan that replaces the one before, active only while in force", () => {
    const current = toFhirCarePlan({
      patientId: PATIENT,
      version,
      previousVersionId: V1,
      endedAt: null,
      itemIds: [item.id],
    });
    expect(current).toMatchObject({
      status: "active",
      intent: "plan",
      title: "Home exercise program, version 2",
      description: "Regress: Sore after stairs Pain limit during exercise: 3/10.",
      period: { start: "2026-11-15T09:00:00.000Z" },
      replaces: [{ reference: `urn:uuid:${V1}` }],
      activity: [{ reference: { reference: `urn:uuid:${item.id}` } }],
      addresses: [{ reference: fullUrlOf(conditionId(PATIENT)) }],
    });
    const first = toFhirCarePlan({
      patientId: PATIENT,
      version: { ...version, id: V1, number: 1, reason: "initial", note: null },
      previousVersionId: null,
      endedAt: version.effectiveFrom,
      itemIds: [],
    });
    expect(first.status).toBe("completed");
    expect(first.period?.end).toBe("2026-11-15T09:00:00.000Z");
    expect(first.replaces).toBeUndefined();
    expect(first.activity).toBeUndefined();
    expect([...fhirErrors(current), ...fhirErrors(first)]).toEqual([]);
  });

  it("orders each exercise with its dose in words and, where FHIR has a place, structured", () => {
    const request = toFhirServiceRequest({
      patientId: PATIENT,
      versionId: V2,
      authorId: USER,
      createdAt: version.createdAt,
      inForce: true,
      item,
      exercise: { name: "Step-ups", sidedness: "one_leg" },
    });
    expect(request).toMatchObject({
      status: "active",
      intent: "order",
      code: { text: "Step-ups" },
      basedOn: [{ reference: `urn:uuid:${V2}` }],
      occurrenceTiming: {
        repeat: { frequency: 10, period: 1, periodUnit: "wk" },
        code: { text: "twice a day, 5 days a week" },
      },
      bodySite: [{ text: "left leg" }],
    });
    expect(request.orderDetail?.map((d) => d.text)).toEqual([
      "Sets: 3",
      "Repetitions per set: 12",
      "Hold: 5 s",
      "Rest between sets: 60 s",
      "Resistance band: red",
    ]);
    expect(request.patientInstruction).toBe(
      "3 sets of 12, hold 5 s, rest 1 minute between sets, with the red band, left leg, twice a day, 5 days a week. Slow on the way down.",
    );
    expect(fhirErrors(request)).toEqual([]);
    const old = toFhirServiceRequest({
      patientId: PATIENT,
      versionId: V1,
      authorId: USER,
      createdAt: version.createdAt,
      inForce: false,
      item: {
        ...item,
        sets: null,
        reps: null,
        holdSeconds: null,
        restSeconds: null,
        bandColour: null,
        notes: null,
      },
      exercise: { name: "Walk", sidedness: "together" },
    });
    expect(old.status).toBe("completed");
    expect(old.orderDetail).toBeUndefined();
    expect(fhirErrors(old)).toEqual([]);
  });

  it("times a daily exercise per day and one with rest days per week", () => {
    expect(doseTiming({ sessionsPerDay: 3, daysPerWeek: 7 }).repeat).toEqual({
      frequency: 3,
      period: 1,
      periodUnit: "d",
    });
    expect(doseTiming({ sessionsPerDay: 1, daysPerWeek: 3 }).repeat).toEqual({
      frequency: 3,
      period: 1,
      periodUnit: "wk",
    });
  });
});

describe("a pain report", () => {
  it("is LOINC 72514-3 with the score, the moment it was sent and when the pain was felt", () => {
    const observation = toFhirPainObservation({
      patientId: PATIENT,
      report: { id: "01930000-0000-7000-8000-0000000000b1", context: "during", score: 6 },
      checkIn: { submittedAt: at("2026-11-03T18:00:00Z"), versionId: V1, note: "stairs" },
    });
    expect(observation).toMatchObject({
      status: "final",
      code: {
        coding: [
          {
            system: "http://loinc.org",
            code: "72514-3",
            display: "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
          },
        ],
      },
      valueInteger: 6,
      effectiveDateTime: "2026-11-03T18:00:00.000Z",
      basedOn: [{ reference: `urn:uuid:${V1}` }],
      performer: [{ reference: `urn:uuid:${PATIENT}` }],
      note: [{ text: "stairs" }],
    });
    expect(observation.component?.[0]?.valueCodeableConcept).toEqual({
      coding: [{ system: PAIN_CONTEXT_SYSTEM, code: "during", display: "During exercise" }],
      text: "During exercise",
    });
    expect(fhirErrors(observation)).toEqual([]);
    const bare = toFhirPainObservation({
      patientId: PATIENT,
      report: { id: "01930000-0000-7000-8000-0000000000b2", context: "next_morning", score: 0 },
      checkIn: { submittedAt: at("2026-11-04T07:00:00Z"), versionId: null, note: null },
    });
    expect(bare.basedOn).toBeUndefined();
    expect(bare.note).toBeUndefined();
    expect(bare.valueInteger).toBe(0);
    expect(fhirErrors(bare)).toEqual([]);
  });
});

describe("goals, notes and messages", () => {
  const goal = {
    id: "01930000-0000-7000-8000-0000000000d1",
    what: "Walk to the shops",
    measure: "Minutes walked without stopping",
    target: "20 minutes",
    targetDay: "2027-01-15",
    status: "active" as const,
    statusChangedAt: at("2026-11-29T23:30:00Z"),
    createdBy: USER,
    createdAt: at("2026-11-29T23:30:00Z"),
  };

  it("maps each goal status onto FHIR's lifecycle and achievement, in the patient's days", () => {
    const cases = [
      ["active", "active", undefined],
      ["met", "completed", "achieved"],
      ["not_met", "completed", "not-achieved"],
      ["dropped", "cancelled", undefined],
    ] as const;
    for (const [status, lifecycle, achievement] of cases) {
      const fhir = toFhirGoal({
        patientId: PATIENT,
        timeZone: "Pacific/Auckland",
        goal: { ...goal, status },
      });
      expect(fhir.lifecycleStatus).toBe(lifecycle);
      expect(fhir.achievementStatus?.coding?.[0]?.code).toBe(achievement);
      expect(fhirErrors(fhir)).toEqual([]);
    }
    const fhir = toFhirGoal({ patientId: PATIENT, timeZone: "Pacific/Auckland", goal });
    // 23:30 UTC on 29 Nov is 30 Nov in Auckland.
    expect(fhir.startDate).toBe("2026-11-30");
    expect(fhir.target).toEqual([
      {
        measure: { text: "Minutes walked without stopping" },
        detailString: "20 minutes",
        dueDate: "2027-01-15",
      },
    ]);
  });

  it("carries a note's current text, SOAP headings kept, and says when it was amended", () => {
    const revision = {
      number: 2,
      day: "2026-11-20",
      format: "soap" as const,
      body: null,
      subjective: "Less pain on stairs.",
      objective: "Knee flexion 120°.",
      assessment: null,
      plan: "Progress step-ups.",
      createdAt: at("2026-11-21T10:00:00Z"),
    };
    expect(noteText(revision)).toBe(
      "Subjective:\nLess pain on stairs.\n\nObjective:\nKnee flexion 120°.\n\nPlan:\nProgress step-ups.",
    );
    const doc = toFhirNoteDocument({
      patientId: PATIENT,
      note: {
        id: "01930000-0000-7000-8000-0000000000d2",
        authorId: USER,
        createdAt: at("2026-11-20T10:00:00Z"),
      },
      revision,
    });
    expect(doc.docStatus).toBe("amended");
    expect(doc.type?.coding?.[0]?.code).toBe("11506-3");
    const data = doc.content[0]?.attachment.data ?? "";
    expect(Buffer.from(data, "base64").toString("utf8")).toBe(noteText(revision));
    expect(fhirErrors(doc)).toEqual([]);
    const discharge = toFhirDischargeDocument({
      patientId: PATIENT,
      summary: {
        id: "01930000-0000-7000-8000-0000000000d3",
        authorId: USER,
        episodeStartedAt: at("2026-09-01T09:00:00Z"),
        dischargedAt: at("2026-11-28T09:00:00Z"),
        closingNote: "Goals met; home program to continue.",
        createdAt: at("2026-11-28T09:00:00Z"),
      },
    });
    expect(discharge.type?.coding?.[0]?.code).toBe("18842-5");
    expect(discharge.context?.period).toEqual({
      start: "2026-09-01T09:00:00.000Z",
      end: "2026-11-28T09:00:00.000Z",
    });
    expect(fhirErrors(discharge)).toEqual([]);
  });

  it("sends a patient's message to the clinic and a clinician's to the patient", () => {
    const base = {
      id: "01930000-0000-7000-8000-0000000000d4",
      body: "Can I run this week?",
      sentAt: at("2026-11-22T08:00:00Z"),
      readByPatientAt: null,
      readByStaffAt: at("2026-11-22T09:00:00Z"),
    };
    const fromPatient = toFhirCommunication({
      patientId: PATIENT,
      clinicId: CLINIC,
      message: { ...base, authorKind: "patient", authorUserId: null },
    });
    expect(fromPatient).toMatchObject({
      status: "completed",
      sender: { reference: `urn:uuid:${PATIENT}` },
      recipient: [{ reference: `urn:uuid:${CLINIC}` }],
      received: "2026-11-22T09:00:00.000Z",
      payload: [{ contentString: "Can I run this week?" }],
    });
    const fromClinician = toFhirCommunication({
      patientId: PATIENT,
      clinicId: CLINIC,
      message: { ...base, authorKind: "staff", authorUserId: USER },
    });
    expect(fromClinician.sender?.reference).toBe(`urn:uuid:${USER}`);
    expect(fromClinician.recipient).toEqual([
      { reference: `urn:uuid:${PATIENT}`, type: "Patient" },
    ]);
    expect(fromClinician.received).toBeUndefined();
    expect([...fhirErrors(fromPatient), ...fhirErrors(fromClinician)]).toEqual([]);
  });
});

describe("outcome measures", () => {
  const psfs = findMeasure("psfs")!;
  const groc = findMeasure("groc")!;

  it("makes every shipped measure a valid Questionnaire with a read-only score", () => {
    for (const measure of [psfs, groc]) {
      const q = toFhirQuestionnaire(measure);
      expect(q.url).toBe(questionnaireUrl(measure.id, measure.version));
      expect(q.copyright).toBe(measure.licence.note);
      expect(q.item?.at(-1)).toMatchObject({ linkId: "score", readOnly: true, type: "decimal" });
      expect(fhirErrors(q)).toEqual([]);
    }
    expect(toFhirQuestionnaire(psfs).item?.[0]).toMatchObject({ type: "group", repeats: true });
    expect(toFhirQuestionnaire(groc).item?.[0]?.answerOption?.[4]).toEqual({
      valueCoding: { code: "3", display: "Somewhat better" },
    });
  });

  it("answers the PSFS activity by activity, and a choice with its coded option", () => {
    const response = {
      id: "01930000-0000-7000-8000-0000000000d5",
      measureId: "psfs",
      measureVersion: 1,
      submittedAt: at("2026-11-22T08:00:00Z"),
      score: 4.5,
    };
    const psfsResponse = toFhirQuestionnaireResponse({
      patientId: PATIENT,
      response,
      answers: [
        { itemId: "a2", itemText: "How well can you climb stairs today?", position: 2, value: 6 },
        { itemId: "a1", itemText: "How well can you run today?", position: 1, value: 3 },
      ],
      activities: new Map([["a1", "run"]]),
      measure: psfs,
    });
    expect(psfsResponse.questionnaire).toBe(`${questionnaireUrl("psfs", 1)}|1`);
    expect(psfsResponse.item).toEqual([
      {
        linkId: "activities",
        item: [
          { linkId: "activity", answer: [{ valueString: "run" }] },
          {
            linkId: "activity-score",
            text: "How well can you run today?",
            answer: [{ valueInteger: 3 }],
          },
        ],
      },
      {
        linkId: "activities",
        item: [
          { linkId: "activity", answer: [{ valueString: "How well can you climb stairs today?" }] },
          {
            linkId: "activity-score",
            text: "How well can you climb stairs today?",
            answer: [{ valueInteger: 6 }],
          },
        ],
      },
      { linkId: "score", answer: [{ valueDecimal: 4.5 }] },
    ]);
    const grocResponse = toFhirQuestionnaireResponse({
      patientId: PATIENT,
      response: { ...response, measureId: "groc", score: 3 },
      answers: [{ itemId: "overall-change", itemText: "Overall?", position: 1, value: 3 }],
      activities: new Map(),
      measure: groc,
    });
    expect(grocResponse.item?.[0]?.answer).toEqual([
      { valueCoding: { code: "3", display: "Somewhat better" } },
    ]);
    expect([...fhirErrors(psfsResponse), ...fhirErrors(grocResponse)]).toEqual([]);
  });
});

describe("the validator the tests rely on", () => {
  const good = () =>
    toFhirPainObservation({
      patientId: PATIENT,
      report: { id: "01930000-0000-7000-8000-0000000000b3", context: "morning", score: 2 },
      checkIn: { submittedAt: at("2026-11-05T07:00:00Z"), versionId: null, note: null },
    });

  it("catches a missing required field, a wrong type and an unknown property", () => {
    const { status: _status, ...noStatus } = good();
    expect(fhirErrors(noStatus as never).join("\n")).toMatch(
      /Observation\.status.*Missing required/,
    );
    expect(fhirErrors({ ...good(), valueInteger: "six" } as never).join("\n")).toMatch(
      /Observation\.value\[x\]: Invalid JSON type/,
    );
    expect(fhirErrors({ ...good(), painContext: "during" } as never).join("\n")).toMatch(
      /Invalid additional property "painContext"/,
    );
  });

  it("catches a code outside its required value set and a broken invariant", () => {
    expect(fhirErrors({ ...good(), status: "finished" } as never)).toEqual([
      'Observation.status: "finished" (expected one of registered, preliminary, final, amended, corrected, cancelled, entered-in-error, unknown)',
    ]);
    expect(fhirErrors({ ...good(), dataAbsentReason: { text: "asleep" } }).join("\n")).toMatch(
      /obs-6/,
    );
  });

  it("catches a Bundle entry pointing at a resource the Bundle does not hold", () => {
    const observation = good();
    const bundle = toFhirBundle({
      id: "01930000-0000-7000-8000-0000000000aa",
      at: at("2026-11-30T00:00:00Z"),
      resources: [observation as never],
    });
    expect(bundleErrors(bundle)).toEqual([
      `entry[0] Observation: reference urn:uuid:${PATIENT} is not in the Bundle`,
      `entry[0] Observation: reference urn:uuid:${PATIENT} is not in the Bundle`,
    ]);
  });
});
