import { z } from "zod";
import { BODY_REGIONS, CONDITIONS, EXERCISE_CATEGORIES } from "@/db/schema/enums";
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
import { ZId } from "./schemas";

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
    .query(({ ctx, input }) => findExercises({ scope: ctx.scope, input })),
  get: staffProcedure
    .input(ZExerciseIdInput)
    .query(({ ctx, input }) => getExercise({ scope: ctx.scope, exerciseId: input.exerciseId })),
  create: adminProcedure
    .input(ZExerciseInput)
    .mutation(({ ctx, input }) => createExercise({ scope: ctx.scope, input })),
  update: adminProcedure
    .input(ZUpdateExerciseInput)
    .mutation(({ ctx, input }) =>
      updateExercise({ scope: ctx.scope, exerciseId: input.exerciseId, input: input.exercise }),
    ),
  copyToClinic: adminProcedure
    .input(ZExerciseIdInput)
    .mutation(({ ctx, input }) =>
      copyExerciseToClinic({ scope: ctx.scope, exerciseId: input.exerciseId }),
    ),
  setArchived: adminProcedure.input(ZArchiveExerciseInput).mutation(({ ctx, input }) =>
    setExerciseArchived({
      scope: ctx.scope,
      exerciseId: input.exerciseId,
      archived: input.archived,
    }),
  ),
  delete: adminProcedure
    .input(ZExerciseIdInput)
    .mutation(({ ctx, input }) =>
      deleteExercise({ scope: ctx.scope, mediaDir: ctx.mediaDir, exerciseId: input.exerciseId }),
    ),
  addImage: adminProcedure.input(ZAddImageInput).mutation(async ({ ctx, input }) =>
    addExerciseImage({
      scope: ctx.scope,
      mediaDir: ctx.mediaDir,
      exerciseId: input.exerciseId,
      bytes: new Uint8Array(await input.file.arrayBuffer()),
      alt: input.alt,
    }),
  ),
  reorderImages: adminProcedure.input(ZReorderImagesInput).mutation(({ ctx, input }) => {
    reorderExerciseImages({ scope: ctx.scope, exerciseId: input.exerciseId, order: input.order });
    return { ok: true };
  }),
  removeImage: adminProcedure.input(ZRemoveImageInput).mutation(async ({ ctx, input }) => {
    await removeExerciseImage({
      scope: ctx.scope,
      mediaDir: ctx.mediaDir,
      exerciseId: input.exerciseId,
      imageId: input.imageId,
    });
    return { ok: true };
  }),
});
