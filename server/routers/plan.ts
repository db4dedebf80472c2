import { getTodayPlan } from "@/server/services/plan/get-today-plan";
import { patientProcedure, router } from "@/server/trpc";

export const planRouter = router({
  today: patientProcedure.query(({ ctx }) => getTodayPlan({ scope: ctx.patient })),
});
