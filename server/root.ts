import { authRouter } from "./routers/auth";
import { patientLinksRouter } from "./routers/patient-links";
import { patientsRouter } from "./routers/patients";
import { planRouter } from "./routers/plan";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  patients: patientsRouter,
  patientLinks: patientLinksRouter,
  plan: planRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
