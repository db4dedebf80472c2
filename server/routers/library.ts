import { z } from "zod";
import { BODY_REGIONS, CONDITIONS, EXERCISE_CATEGORIES, SIDEDNESS } from "@/db/schema/enums";
import { MAX_IMAGE_BYTES } from "@/server/domain/image-sniff";
import {
  addExerciseImage,
  removeExerciseImage,
  reorderExerciseImages,
} from "@/server/services/library/exercise-media";
import { ZExerciseInput } from "@/lib/schemas/exercise-input";
import { findExercises } from "@/server/services/library/find-exercises";
import { getExercise } from "@/server/services/library/get-exercise";
import {
  copyExerciseToClinic,
  createExercise,
  deleteExercise,
  setExerciseArchived,
  updateExercise,
} from "@/server/services/library/manage-exercises";
import { adminProcedure, router, staffProcedure } from "@/server/trpc";
import {
  ZDoseOutput,
  ZExerciseFigureOutput,
  ZExerciseMediaOutput,
  ZId,
  ZIdOutput,
} from "./schemas";

export const ZFindExercisesInput = z.object({
  search: z.string().trim().max(100).optional(),
  category: z.enum(EXERCISE_CATEGORIES).optional(),
  bodyRegion: z.enum(BODY_REGIONS).optional(),
  condition: z.enum(CONDITIONS).optional(),
  includeArchived: z.boolean().default(false),
});

export const ZExerciseIdInput = z.object({ exerciseId: ZId });
export const ZUpdateExerciseInput = z.object({ exerciseId: ZId, exercise: ZExerciseInput });
export const ZArchiveExerciseInput = z.object({ exerciseId: ZId, archived: z.boolean() });
export const ZReorderImagesInput = z.object({ exerciseId: ZId, order: z.array(ZId).max(20) });
export const ZRemoveImageInput = z.object({ exerciseId: ZId, imageId: ZId });

/** Whether an exercise is the shared library's (read-only) or the clinic's own. */
const ZExerciseOrigin = z.enum(["shared", "clinic"]);

export const ZFindExercisesOutput = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      category: z.enum(EXERCISE_CATEGORIES),
      sidedness: z.enum(SIDEDNESS),
      bodyRegion: z.enum(BODY_REGIONS),
      targetStructure: z.string(),
      summary: z.string(),
      conditions: z.array(z.enum(CONDITIONS)),
      origin: ZExerciseOrigin,
      archived: z.boolean(),
      imageCount: z.number(),
      figure: ZExerciseFigureOutput,
      defaults: z.object(ZDoseOutput),
    }),
  ),
  total: z.number(),
  /** How many exercises match, per value of each filter: every value has a count, 0 or more. */
  counts: z.object({
    category: z.record(z.enum(EXERCISE_CATEGORIES), z.number()),
    bodyRegion: z.record(z.enum(BODY_REGIONS), z.number()),
    condition: z.record(z.enum(CONDITIONS), z.number()),
  }),
});

export const ZGetExerciseOutput = z.object({
  id: z.string(),
  origin: ZExerciseOrigin,
  copiedFromId: z.string().nullable(),
  name: z.string(),
  category: z.enum(EXERCISE_CATEGORIES),
  sidedness: z.enum(SIDEDNESS),
  bodyRegion: z.enum(BODY_REGIONS),
  targetStructure: z.string(),
  summary: z.string(),
  steps: z.array(z.string()),
  whatToFeel: z.string(),
  stopIf: z.string(),
  cautions: z.array(z.string()),
  conditions: z.array(z.enum(CONDITIONS)),
  media: z.array(ZExerciseMediaOutput),
  figure: ZExerciseFigureOutput,
  archived: z.boolean(),
  defaults: z.object(ZDoseOutput),
  doseText: z.string(),
  sessionText: z.string(),
  frequencyText: z.string(),
  /** This clinic's program items and the templates it can see that use the exercise. */
  usage: z.object({ programs: z.number(), templates: z.number() }),
});

/** Every change to an exercise answers with its id (a copy's is the new exercise's). */
export const ZExerciseSavedOutput = ZIdOutput;
export const ZAddImageOutput = z.object({ id: z.string(), width: z.number(), height: z.number() });
export const ZImagesChangedOutput = z.object({ ok: z.literal(true) });

/** A picture arrives as multipart form data: exerciseId, alt and the file itself. */
const ZAddImageInput = z.instanceof(FormData).transform((form, ctx) => {
  const exerciseId = form.get("exerciseId");
  const file = form.get("file");
  const alt = form.get("alt");
  if (typeof exerciseId !== "string" || !exerciseId) {
    ctx.addIssue({
      code: "custom",
      path: ["exerciseId"],
      message: "Which exercise is the picture for?",
    });
    return z.NEVER;
  }
  if (!(file instanceof Blob) || file.size === 0) {
    ctx.addIssue({ code: "custom", path: ["file"], message: "Choose a picture to upload." });
    return z.NEVER;
  }
  if (file.size > MAX_IMAGE_BYTES) {
    ctx.addIssue({
      code: "custom",
      path: ["file"],
      message: "That picture is larger than 5 MB. Choose a smaller one.",
    });
    return z.NEVER;
  }
  return { exerciseId, file, alt: typeof alt === "string" ? alt.slice(0, 200) : "" };
});

export const libraryRouter = router({
  list: staffProcedure
    .input(ZFindExercisesInput)
    .output(ZFindExercisesOutput)
    .query(({ ctx, input }) => findExercises({ scope: ctx.scope, input })),
  get: staffProcedure
    .input(ZExerciseIdInput)
    .output(ZGetExerciseOutput)
    .query(({ ctx, input }) => getExercise({ scope: ctx.scope, exerciseId: input.exerciseId })),
  create: adminProcedure
    .input(ZExerciseInput)
    .output(ZExerciseSavedOutput)
    .mutation(({ ctx, input }) => createExercise({ scope: ctx.scope, input })),
  update: adminProcedure
    .input(ZUpdateExerciseInput)
    .output(ZExerciseSavedOutput)
    .mutation(({ ctx, input }) =>
      updateExercise({ scope: ctx.scope, exerciseId: input.exerciseId, input: input.exercise }),
    ),
  copyToClinic: adminProcedure
    .input(ZExerciseIdInput)
    .output(ZExerciseSavedOutput)
    .mutation(({ ctx, input }) =>
      copyExerciseToClinic({ scope: ctx.scope, exerciseId: input.exerciseId }),
    ),
  setArchived: adminProcedure
    .input(ZArchiveExerciseInput)
    .output(ZExerciseSavedOutput)
    .mutation(({ ctx, input }) =>
      setExerciseArchived({
        scope: ctx.scope,
        exerciseId: input.exerciseId,
        archived: input.archived,
      }),
    ),
  delete: adminProcedure
    .input(ZExerciseIdInput)
    .output(ZExerciseSavedOutput)
    .mutation(({ ctx, input }) =>
      deleteExercise({ scope: ctx.scope, mediaDir: ctx.mediaDir, exerciseId: input.exerciseId }),
    ),
  addImage: adminProcedure
    .input(ZAddImageInput)
    .output(ZAddImageOutput)
    .mutation(async ({ ctx, input }) =>
      addExerciseImage({
        scope: ctx.scope,
        mediaDir: ctx.mediaDir,
        exerciseId: input.exerciseId,
        bytes: new Uint8Array(await input.file.arrayBuffer()),
        alt: input.alt,
      }),
    ),
  reorderImages: adminProcedure
    .input(ZReorderImagesInput)
    .output(ZImagesChangedOutput)
    .mutation(async ({ ctx, input }) => {
      await reorderExerciseImages({
        scope: ctx.scope,
        exerciseId: input.exerciseId,
        order: input.order,
      });
      return { ok: true } as const;
    }),
  removeImage: adminProcedure
    .input(ZRemoveImageInput)
    .output(ZImagesChangedOutput)
    .mutation(async ({ ctx, input }) => {
      await removeExerciseImage({
        scope: ctx.scope,
        mediaDir: ctx.mediaDir,
        exerciseId: input.exerciseId,
        imageId: input.imageId,
      });
      return { ok: true } as const;
    }),
});
