import { adviceRouter } from "./routers/advice";
import { alertsRouter } from "./routers/alerts";
import { authRouter } from "./routers/auth";
import { caseloadRouter } from "./routers/caseload";
import { checkInsRouter } from "./routers/check-ins";
import { clinicRouter } from "./routers/clinic";
import { dischargeRouter } from "./routers/discharge";
import { fhirRouter } from "./routers/fhir";
import { goalsRouter } from "./routers/goals";
import { handoutRouter } from "./routers/handout";
import { libraryRouter } from "./routers/library";
import { measuresRouter } from "./routers/measures";
import { messagesRouter } from "./routers/messages";
import { notesRouter } from "./routers/notes";
import { patientChartsRouter } from "./routers/patient-charts";
import { patientLinksRouter } from "./routers/patient-links";
import { patientsRouter } from "./routers/patients";
import { planRouter } from "./routers/plan";
import { programsRouter } from "./routers/programs";
import { remindersRouter } from "./routers/reminders";
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
  fhir: fhirRouter,
  messages: messagesRouter,
  goals: goalsRouter,
  notes: notesRouter,
  discharge: dischargeRouter,
  measures: measuresRouter,
  reminders: remindersRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
