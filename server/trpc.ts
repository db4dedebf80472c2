import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { recordRead } from "./audit";
import { readEntityOf } from "./audit-classification";
import type { Context } from "./context";
import { patientScope, staffScope } from "./data/scopes";
import { patientLinkOf, staffSessionOf } from "./request-identity";
import { ConflictError, ForbiddenError, NotFoundError } from "./services/errors";
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
    if (cause instanceof ForbiddenError)
      throw new TRPCError({ code: "FORBIDDEN", message: cause.message });
  }
  return result;
});

export const publicProcedure = t.procedure.use(serviceErrors);

/** Whose read it was, from the tier's scope. */
interface Reader {
  clinicId: string;
  actorKind: "user" | "patient_link";
  actorId: string;
  ip: string | null;
  /** The link's own patient; for staff, the patient named in the input, if any. */
  patientId: string | null;
}

/**
 * One audit row per successful read of health data (decision 021; which procedures read it is
 * `server/audit-classification.ts`), after the call: a refusal, or another clinic's id answered
 * NOT_FOUND, leaves no row, exactly like a missing id. One row per request and patient: the calls
 * of one page or one batch about the same patient share the first call's row. The data is given
 * out only once that row is committed; if it cannot be written, the call fails.
 */
async function auditRead<R extends { ok: boolean }>(
  result: R,
  call: {
    path: string;
    getRawInput: () => Promise<unknown>;
    ctx: Pick<Context, "db" | "auditedReads">;
    reader: Reader;
  },
): Promise<R> {
  const entityType = readEntityOf(call.path);
  if (!result.ok || !entityType) return result;
  const { reader } = call;
  const patientId = reader.patientId ?? patientIdIn(await call.getRawInput());
  const key = `${reader.actorKind}:${reader.actorId}:${patientId ?? ""}`;
  let written = call.ctx.auditedReads.get(key);
  if (!written) {
    written = recordRead(call.ctx.db, {
      clinicId: reader.clinicId,
      actorKind: reader.actorKind,
      actorId: reader.actorId,
      entityType,
      patientId,
      ip: reader.ip,
    });
    call.ctx.auditedReads.set(key, written);
    // A failed write is not remembered: the next call of the request tries again.
    written.catch(() => call.ctx.auditedReads.delete(key));
  }
  await written;
  return result;
}

/** The patient a staff call names; its input passed validation, since the call succeeded. */
function patientIdIn(input: unknown): string | null {
  const value = (input as { patientId?: unknown } | null | undefined)?.patientId;
  return typeof value === "string" ? value : null;
}

/** A patient through their link: the context holds that patient and nothing else. */
const linkedPatient = publicProcedure.use(async ({ ctx, next }) => {
  const link = await patientLinkOf(ctx);
  if (!link) {
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: "This link no longer works. Please contact your clinic for a new one.",
    });
  }
  const patient: PatientScope = patientScope(ctx.db, link, ctx.ip);
  return next({ ctx: { patient } });
});

export const patientProcedure = linkedPatient.use(async ({ ctx, path, getRawInput, next }) =>
  auditRead(await next(), {
    path,
    getRawInput,
    ctx,
    reader: {
      clinicId: ctx.patient.clinicId,
      actorKind: "patient_link",
      actorId: ctx.patient.linkId,
      ip: ctx.patient.ip,
      patientId: ctx.patient.patientId,
    },
  }),
);

/** A signed-in, active staff member whose session has not been ended since sign-in. */
const signedInStaff = publicProcedure.use(async ({ ctx, next }) => {
  const session = await staffSessionOf(ctx);
  if (!session) {
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: "Your session has ended. Please sign in again.",
    });
  }
  const scope: ClinicScope = staffScope(ctx.db, session, ctx.ip);
  return next({ ctx: { session, scope } });
});

export const staffProcedure = signedInStaff.use(async ({ ctx, path, getRawInput, next }) =>
  auditRead(await next(), {
    path,
    getRawInput,
    ctx,
    reader: {
      clinicId: ctx.scope.clinicId,
      actorKind: "user",
      actorId: ctx.scope.userId,
      ip: ctx.scope.ip,
      patientId: null,
    },
  }),
);

export const adminProcedure = staffProcedure.use(({ ctx, next }) => {
  if (ctx.session.role !== "admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only a clinic admin can do this." });
  }
  return next();
});
