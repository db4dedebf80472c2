import { getProgress } from "@/server/services/plan/get-progress";
import { getTodayPlan } from "@/server/services/plan/get-today-plan";
import { patientProcedure, router } from "@/server/trpc";

export const planRouter = router({
  today: patientProcedure.query(({ ctx }) => getTodayPlan({ scope: ctx.patient })),
  progress: patientProcedure.query(({ ctx }) => getProgress({ scope: ctx.patient })),
});
