import { z } from "zod";
import { ZSaveProgramVersionInput } from "@/lib/schemas/program";
import {
  getProgramForEditing,
  getProgramHistory,
} from "@/server/services/programs/program-history";
import { saveProgramVersion } from "@/server/services/programs/save-program-version";
import { router, staffProcedure } from "@/server/trpc";
import { ZId } from "./schemas";

const ZPatientInput = z.object({ patientId: ZId });

export const programsRouter = router({
  history: staffProcedure
    .input(ZPatientInput)
    .query(({ ctx, input }) => getProgramHistory({ scope: ctx.scope, patientId: input.patientId })),
  forEditing: staffProcedure
    .input(ZPatientInput)
    .query(({ ctx, input }) =>
      getProgramForEditing({ scope: ctx.scope, patientId: input.patientId }),
    ),
  saveVersion: staffProcedure
    .input(ZSaveProgramVersionInput)
    .mutation(({ ctx, input }) => saveProgramVersion({ scope: ctx.scope, input })),
});
