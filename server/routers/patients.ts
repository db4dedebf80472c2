import { z } from "zod";
import {
  BAND_COLOURS,
  CONDITIONS,
  EXERCISE_CATEGORIES,
  PATIENT_STATUSES,
  ROLES,
  SIDEDNESS,
  SIDES,
} from "@/db/schema/enums";
import { findPatients } from "@/server/services/patients/find-patients";
import { getPatient } from "@/server/services/patients/get-patient";
import {
  createPatient,
  dischargePatient,
  getNewPatientDefaults,
  readmitPatient,
  updatePatient,
} from "@/server/services/patients/manage-patients";
import { ZPatientInput } from "@/lib/schemas/patient";
import { router, staffProcedure } from "@/server/trpc";
import {
  ZDoseOutput,
  ZVersionOutputFields,
  ZExerciseFigureOutput,
  ZExerciseMediaOutput,
  ZId,
  ZIdOutput,
  ZPageInput,
} from "./schemas";

export const ZFindPatientsInput = z.object({
  ...ZPageInput,
  sort: z
    .object({ id: z.enum(["name", "condition", "createdAt"]), desc: z.boolean() })
    .default({ id: "name", desc: false }),
  filters: z
    .object({
      mine: z.boolean().default(true),
      search: z.string().trim().max(100).optional(),
      status: z.enum(["active", "discharged", "all"]).default("active"),
    })
    .default({ mine: true, status: "active" }),
});

export const ZFindPatientsOutput = z.object({
  rows: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      condition: z.enum(CONDITIONS),
      affectedSide: z.enum(SIDES),
      status: z.enum(PATIENT_STATUSES),
      yearOfBirth: z.number(),
      primaryClinicianId: z.string(),
      primaryClinicianName: z.string(),
    }),
  ),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const ZGetPatientInput = z.object({ patientId: ZId });

/** The version in force of the patient's active program, each item with its exercise. */
export const ZCurrentProgramOutput = z.object({
  version: z.object({
    ...ZVersionOutputFields,
  }),
  items: z.array(
    z.object({
      id: z.string(),
      position: z.number(),
      ...ZDoseOutput,
      side: z.enum(SIDES),
      loadKg: z.number().nullable(),
      bandColour: z.enum(BAND_COLOURS).nullable(),
      notes: z.string().nullable(),
      doseText: z.string(),
      sessionText: z.string(),
      frequencyText: z.string(),
      exercise: z.object({
        id: z.string(),
        name: z.string(),
        category: z.enum(EXERCISE_CATEGORIES),
        sidedness: z.enum(SIDEDNESS),
        summary: z.string(),
        steps: z.array(z.string()),
        whatToFeel: z.string(),
        stopIf: z.string(),
        cautions: z.array(z.string()),
        archived: z.boolean(),
        media: z.array(ZExerciseMediaOutput),
        figure: ZExerciseFigureOutput,
      }),
    }),
  ),
});

export const ZGetPatientOutput = z.object({
  patient: z.object({
    id: z.string(),
    displayName: z.string(),
    yearOfBirth: z.number(),
    condition: z.enum(CONDITIONS),
    affectedSide: z.enum(SIDES),
    status: z.enum(PATIENT_STATUSES),
    timeZone: z.string(),
    primaryClinicianId: z.string(),
    primaryClinicianName: z.string(),
  }),
  program: ZCurrentProgramOutput.nullable(),
});

/** What the "add patient" form starts from: the clinic's time zone and its active clinicians. */
export const ZNewPatientDefaultsOutput = z.object({
  timeZone: z.string(),
  primaryClinicianId: z.string(),
  clinicians: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES) })),
});

/** Every write to a patient answers with the patient's id, for the page to go to. */
export const ZPatientSavedOutput = ZIdOutput;

export const patientsRouter = router({
  list: staffProcedure
    .input(ZFindPatientsInput)
    .output(ZFindPatientsOutput)
    .query(({ ctx, input }) => findPatients({ scope: ctx.scope, input })),
  get: staffProcedure
    .input(ZGetPatientInput)
    .output(ZGetPatientOutput)
    .query(({ ctx, input }) => getPatient({ scope: ctx.scope, patientId: input.patientId })),
  newDefaults: staffProcedure
    .output(ZNewPatientDefaultsOutput)
    .query(({ ctx }) => getNewPatientDefaults({ scope: ctx.scope })),
  create: staffProcedure
    .input(ZPatientInput)
    .output(ZPatientSavedOutput)
    .mutation(({ ctx, input }) => createPatient({ scope: ctx.scope, input })),
  update: staffProcedure
    .input(z.object({ patientId: ZId, patient: ZPatientInput }))
    .output(ZPatientSavedOutput)
    .mutation(({ ctx, input }) =>
      updatePatient({ scope: ctx.scope, patientId: input.patientId, input: input.patient }),
    ),
  discharge: staffProcedure
    .input(ZGetPatientInput)
    .output(ZPatientSavedOutput)
    .mutation(({ ctx, input }) =>
      dischargePatient({ scope: ctx.scope, patientId: input.patientId }),
    ),
  readmit: staffProcedure
    .input(ZGetPatientInput)
    .output(ZPatientSavedOutput)
    .mutation(({ ctx, input }) => readmitPatient({ scope: ctx.scope, patientId: input.patientId })),
});
