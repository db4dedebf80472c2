import "server-only";
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
  const session = resolveStaffSession({
    db: ctx.db,
    claims: await ctx.readStaffClaims(),
    limits: ctx.limits,
  });
  if (session) {
    return readExerciseImageForStaff({
      scope: {
        db: ctx.db,
        clinicId: session.clinicId,
        userId: session.userId,
        role: session.role,
        ip: ctx.ip,
      },
      mediaDir: ctx.mediaDir,
      exerciseId,
      imageId,
    });
  }
  const link = resolvePatientLink({ db: ctx.db, token: ctx.patientToken });
  if (link) {
    return readExerciseImageForPatient({
      scope: {
        db: ctx.db,
        clinicId: link.clinicId,
        patientId: link.patientId,
        linkId: link.linkId,
        ip: ctx.ip,
      },
      mediaDir: ctx.mediaDir,
      exerciseId,
      imageId,
    });
  }
  return null;
}
