import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import { appRouter } from "@/server/root";
import type { addExerciseImage } from "@/server/services/library/exercise-media";
import type { findExercises } from "@/server/services/library/find-exercises";
import type { getExercise } from "@/server/services/library/get-exercise";
import type {
  copyExerciseToClinic,
  createExercise,
  deleteExercise,
  setExerciseArchived,
  updateExercise,
} from "@/server/services/library/manage-exercises";
import type { revokePatientLink } from "@/server/services/patient-links/patient-links";
import type { getPatient } from "@/server/services/patients/get-patient";
import type {
  createPatient,
  dischargePatient,
  getNewPatientDefaults,
  readmitPatient,
  updatePatient,
} from "@/server/services/patients/manage-patients";
import type { changeRole, deactivateUser, reactivateUser } from "@/server/services/team/accounts";
import type { revokeInvitation } from "@/server/services/team/invitations";
import type { reassignPatients } from "@/server/services/team/reassign-patients";
import type {
  archiveTemplate,
  unarchiveTemplate,
} from "@/server/services/templates/archive-template";
import { routerProcedures } from "@/server/testing/every-procedure";
import type {
  ZAddImageOutput,
  ZExerciseSavedOutput,
  ZFindExercisesOutput,
  ZGetExerciseOutput,
} from "./library";
import type { ZRevokePatientLinkOutput } from "./patient-links";
import type { ZGetPatientOutput, ZNewPatientDefaultsOutput, ZPatientSavedOutput } from "./patients";
import type {
  ZChangeRoleOutput,
  ZDeactivateUserOutput,
  ZReactivateUserOutput,
  ZReassignPatientsOutput,
  ZRevokeInvitationOutput,
} from "./team-schemas";
import type { ZTemplateArchivedOutput } from "./templates-schemas";

/**
 * Issue 13: every procedure declares `.output()`. tRPC then validates each answer against it and
 * passes on only what the schema lists, so a column a service selects by mistake (a hash, another
 * clinic's id) cannot reach the browser. This file fails, naming the procedure, when one has none.
 */

/**
 * The schema given to `.output()`: tRPC 11 keeps it, as given, on the procedure's `_def.output`.
 * At run time `_def.procedures` is flat, keyed by path; its declared type is the nested router.
 */
function outputSchemaOf(path: string): unknown {
  const procedures = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { output?: unknown } } | undefined
  >;
  return procedures[path]?._def.output;
}

/** The kind of a zod 4 schema ("object", "array", "any" …), or null for anything else. */
function zodKind(schema: unknown): string | null {
  const def = (schema as Partial<z.ZodType> | undefined)?._zod?.def;
  return typeof def?.type === "string" ? def.type : null;
}

/** Kinds that would let anything through, so they do not describe an answer. */
const SAYS_NOTHING = new Set(["any", "unknown"]);

/** What a service function answers, once awaited. */
type Answer<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

describe("procedure outputs", () => {
  const paths = routerProcedures();

  it("finds the procedures, among them one known to declare an output", () => {
    expect(paths.length).toBeGreaterThan(60);
    expect(zodKind(outputSchemaOf("plan.today"))).toBe("object");
  });

  it.each(paths)("%s declares a zod output schema that describes its answer", (path) => {
    const schema = outputSchemaOf(path);
    expect(schema, `${path} has no .output() schema`).toBeDefined();
    const kind = zodKind(schema);
    expect(kind, `${path}'s output is not a zod schema`).not.toBeNull();
    expect(SAYS_NOTHING.has(kind!), `${path}'s output accepts anything (${kind})`).toBe(false);
  });

  /**
   * The schemas written for issue 13 match their service's answer field for field, checked by the
   * type checker (`npx tsc --noEmit`): a field the schema lacked would be dropped without a word, and
   * one it added, or a null it did not allow, would fail at run time. These assertions do nothing
   * when vitest runs; a service whose answer changes makes the type check fail here.
   */
  it("has output schemas that match their services' answers exactly (checked by tsc)", () => {
    type Out<S extends z.ZodType> = z.output<S>;
    expectTypeOf<Answer<typeof getPatient>>().toEqualTypeOf<Out<typeof ZGetPatientOutput>>();
    expectTypeOf<Answer<typeof getNewPatientDefaults>>().toEqualTypeOf<
      Out<typeof ZNewPatientDefaultsOutput>
    >();
    expectTypeOf<Answer<typeof createPatient>>().toEqualTypeOf<Out<typeof ZPatientSavedOutput>>();
    expectTypeOf<Answer<typeof updatePatient>>().toEqualTypeOf<Out<typeof ZPatientSavedOutput>>();
    expectTypeOf<Answer<typeof dischargePatient>>().toEqualTypeOf<
      Out<typeof ZPatientSavedOutput>
    >();
    expectTypeOf<Answer<typeof readmitPatient>>().toEqualTypeOf<Out<typeof ZPatientSavedOutput>>();
    expectTypeOf<Answer<typeof revokePatientLink>>().toEqualTypeOf<
      Out<typeof ZRevokePatientLinkOutput>
    >();
    expectTypeOf<Answer<typeof archiveTemplate>>().toEqualTypeOf<
      Out<typeof ZTemplateArchivedOutput>
    >();
    expectTypeOf<Answer<typeof unarchiveTemplate>>().toEqualTypeOf<
      Out<typeof ZTemplateArchivedOutput>
    >();
    expectTypeOf<Answer<typeof revokeInvitation>>().toEqualTypeOf<
      Out<typeof ZRevokeInvitationOutput>
    >();
    expectTypeOf<Answer<typeof changeRole>>().toEqualTypeOf<Out<typeof ZChangeRoleOutput>>();
    expectTypeOf<Answer<typeof deactivateUser>>().toEqualTypeOf<
      Out<typeof ZDeactivateUserOutput>
    >();
    expectTypeOf<Answer<typeof reactivateUser>>().toEqualTypeOf<
      Out<typeof ZReactivateUserOutput>
    >();
    expectTypeOf<Answer<typeof reassignPatients>>().toEqualTypeOf<
      Out<typeof ZReassignPatientsOutput>
    >();
    expectTypeOf<Answer<typeof findExercises>>().toEqualTypeOf<Out<typeof ZFindExercisesOutput>>();
    expectTypeOf<Answer<typeof getExercise>>().toEqualTypeOf<Out<typeof ZGetExerciseOutput>>();
    type ExerciseSaved = Out<typeof ZExerciseSavedOutput>;
    expectTypeOf<Answer<typeof createExercise>>().toEqualTypeOf<ExerciseSaved>();
    expectTypeOf<Answer<typeof updateExercise>>().toEqualTypeOf<ExerciseSaved>();
    expectTypeOf<Answer<typeof copyExerciseToClinic>>().toEqualTypeOf<ExerciseSaved>();
    expectTypeOf<Answer<typeof setExerciseArchived>>().toEqualTypeOf<ExerciseSaved>();
    expectTypeOf<Answer<typeof deleteExercise>>().toEqualTypeOf<ExerciseSaved>();
    expectTypeOf<Answer<typeof addExerciseImage>>().toEqualTypeOf<Out<typeof ZAddImageOutput>>();
  });
});
