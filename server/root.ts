import { adviceRouter } from "./routers/advice";
import { alertsRouter } from "./routers/alerts";
import { authRouter } from "./routers/auth";
import { caseloadRouter } from "./routers/caseload";
import { checkInsRouter } from "./routers/check-ins";
import { clinicRouter } from "./routers/clinic";
import { handoutRouter } from "./routers/handout";
import { libraryRouter } from "./routers/library";
import { patientChartsRouter } from "./routers/patient-charts";
import { patientLinksRouter } from "./routers/patient-links";
import { patientsRouter } from "./routers/patients";
import { planRouter } from "./routers/plan";
import { programsRouter } from "./routers/programs";
import { teamRouter } from "./routers/team";
import { templatesRouter } from "./routers/templates";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  patients: patientsRouter,
  patientLinks: patientLinksRouter,
  plan: planRouter,
  checkIns: checkInsRouter,
  programs: programsRouter,
  library: libraryRouter,
  templates: templatesRouter,
  team: teamRouter,
  clinic: clinicRouter,
  handout: handoutRouter,
  advice: adviceRouter,
  caseload: caseloadRouter,
  alerts: alertsRouter,
  patientCharts: patientChartsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
