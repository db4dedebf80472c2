import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import type { Context } from "./context";
import { resolveStaffSession } from "./services/auth/staff-session";
import { ConflictError, NotFoundError } from "./services/errors";
import { resolvePatientLink } from "./services/patient-links/resolve-patient-link";
import type { ClinicScope, PatientScope } from "./services/scope";

export const INTERNAL_ERROR_MESSAGE =
  "Something went wrong on our side. Please try again; if it keeps happening, contact your clinic.";

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const fieldErrors =
      error.code === "BAD_REQUEST" && error.cause instanceof ZodError
        ? z.flattenError(error.cause).fieldErrors
        : null;
    const message =
      error.code === "INTERNAL_SERVER_ERROR"
        ? INTERNAL_ERROR_MESSAGE
        : fieldErrors
          ? "Some fields need fixing: see the messages beside them."
          : shape.message;
    // Only the code, status and field messages leave the server: no stack, path or cause.
    return {
      message,
      code: shape.code,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, fieldErrors },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/** Turns service errors into the tRPC codes the UI understands. */
const serviceErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof NotFoundError)
      throw new TRPCError({ code: "NOT_FOUND", message: cause.message });
    if (cause instanceof ConflictError)
      throw new TRPCError({ code: "CONFLICT", message: cause.message });
  }
  return result;
});

export const publicProcedure = t.procedure.use(serviceErrors);

/** A patient through their link: the context holds that patient and nothing else. */
export const patientProcedure = publicProcedure.use(({ ctx, next }) => {
  const link = resolvePatientLink({ db: ctx.db, token: ctx.patientToken });
  if (!link) {
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: "This link no longer works. Please contact your clinic for a new one.",
    });
  }
  const patient: PatientScope = {
    db: ctx.db,
    clinicId: link.clinicId,
    patientId: link.patientId,
    linkId: link.linkId,
    ip: ctx.ip,
  };
  return next({ ctx: { patient } });
});

/** A signed-in, active staff member whose session has not been ended since sign-in. */
export const staffProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const session = resolveStaffSession({
    db: ctx.db,
    claims: await ctx.readStaffClaims(),
    limits: ctx.limits,
  });
  if (!session) {
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: "Your session has ended. Please sign in again.",
    });
  }
  const scope: ClinicScope = {
    db: ctx.db,
    clinicId: session.clinicId,
    userId: session.userId,
    role: session.role,
    ip: ctx.ip,
  };
  return next({ ctx: { session, scope } });
});

export const adminProcedure = staffProcedure.use(({ ctx, next }) => {
  if (ctx.session.role !== "admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only a clinic admin can do this." });
  }
  return next();
});
