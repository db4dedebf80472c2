import { z } from "zod";
import { CONDITIONS, PATIENT_STATUSES, SIDES } from "@/db/schema/enums";
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
import { ZId, ZPageInput } from "./schemas";

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

export const patientsRouter = router({
  list: staffProcedure
    .input(ZFindPatientsInput)
    .output(ZFindPatientsOutput)
    .query(({ ctx, input }) => findPatients({ scope: ctx.scope, input })),
  get: staffProcedure
    .input(ZGetPatientInput)
    .query(({ ctx, input }) => getPatient({ scope: ctx.scope, patientId: input.patientId })),
  newDefaults: staffProcedure.query(({ ctx }) => getNewPatientDefaults({ scope: ctx.scope })),
  create: staffProcedure
    .input(ZPatientInput)
    .mutation(({ ctx, input }) => createPatient({ scope: ctx.scope, input })),
  update: staffProcedure
    .input(z.object({ patientId: ZId, patient: ZPatientInput }))
    .mutation(({ ctx, input }) =>
      updatePatient({ scope: ctx.scope, patientId: input.patientId, input: input.patient }),
    ),
  discharge: staffProcedure
    .input(ZGetPatientInput)
    .mutation(({ ctx, input }) =>
      dischargePatient({ scope: ctx.scope, patientId: input.patientId }),
    ),
  readmit: staffProcedure
    .input(ZGetPatientInput)
    .mutation(({ ctx, input }) => readmitPatient({ scope: ctx.scope, patientId: input.patientId })),
});
