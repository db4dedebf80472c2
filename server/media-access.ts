import "server-only";
import { systemData } from "./data/clinic-data";
import { patientScope, staffScope } from "./data/scopes";
import { createRequestContext } from "./request-context";
import { resolveStaffSession } from "./services/auth/staff-session";
import {
  readExerciseImageForPatient,
  readExerciseImageForStaff,
} from "./services/library/exercise-media";
import { resolvePatientLink } from "./services/patient-links/resolve-patient-link";

/**
 * Serves a picture to the clinic's staff, or to a patient whose current program includes the
 * exercise; everyone else gets the same "not found". The same session and link checks as the
 * tRPC tiers, then the same clinic-scoped lookups.
 */
export async function readExerciseImage(exerciseId: string, imageId: string) {
  const ctx = await createRequestContext();
  const system = systemData(ctx.db);
  const session = await resolveStaffSession({
    system,
    claims: await ctx.readStaffClaims(),
    limits: ctx.limits,
  });
  if (session) {
    return readExerciseImageForStaff({
      scope: staffScope(ctx.db, session, ctx.ip),
      mediaDir: ctx.mediaDir,
      exerciseId,
      imageId,
    });
  }
  const link = await resolvePatientLink({ system, token: ctx.patientToken });
  if (link) {
    return readExerciseImageForPatient({
      scope: patientScope(ctx.db, link, ctx.ip),
      mediaDir: ctx.mediaDir,
      exerciseId,
      imageId,
    });
  }
  return null;
}
