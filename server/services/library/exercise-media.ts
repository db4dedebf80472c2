import { mkdirSync } from "node:fs";
import { readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { uuidv7 } from "uuidv7";
import { exercises, type ExerciseMedia } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { IMAGE_MIME, MAX_IMAGE_BYTES, sniffImageFormat } from "@/server/domain/image-sniff";
import { getCurrentProgram } from "../programs/get-current-program";
import { ConflictError, NotFoundError } from "../errors";
import type { ClinicScope, PatientScope } from "../scope";
import { requireClinicExercise, requireVisibleExercise } from "./exercise-rows";

/** A refused upload, with a sentence for the admin. */
export class ImageRejectedError extends ConflictError {}

const MAX_PICTURES = 8;
const MAX_EDGE = 1600;

/**
 * Checks a picture by its content, re-encodes it (which drops EXIF and any other metadata, after
 * turning it upright) and stores it under the media directory, then records it on the exercise.
 */
export async function addExerciseImage(options: {
  scope: ClinicScope;
  mediaDir: string;
  exerciseId: string;
  bytes: Uint8Array;
  alt: string;
}) {
  const { scope, mediaDir, bytes } = options;
  const exercise = requireClinicExercise(scope.db, scope.clinicId, options.exerciseId);
  if (exercise.media.length >= MAX_PICTURES)
    throw new ImageRejectedError(
      `An exercise can have ${MAX_PICTURES} pictures at most. Remove one first.`,
    );
  if (bytes.byteLength > MAX_IMAGE_BYTES)
    throw new ImageRejectedError("That picture is larger than 5 MB. Choose a smaller one.");
  const format = sniffImageFormat(bytes);
  if (!format)
    throw new ImageRejectedError(
      "That file is not a PNG, JPEG or WebP picture. Choose a picture in one of those formats.",
    );
  let encoded: { data: Buffer; info: sharp.OutputInfo };
  try {
    const pipeline = sharp(bytes, { limitInputPixels: 50_000_000 })
      .rotate()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: "inside", withoutEnlargement: true });
    const typed =
      format === "png"
        ? pipeline.png({ compressionLevel: 9 })
        : format === "jpeg"
          ? pipeline.jpeg({ quality: 85, mozjpeg: true })
          : pipeline.webp({ quality: 85 });
    encoded = await typed.toBuffer({ resolveWithObject: true });
  } catch {
    throw new ImageRejectedError(
      "That picture could not be read; it may be damaged. Try another file.",
    );
  }
  const id = uuidv7();
  const file = `${id}.${format === "jpeg" ? "jpg" : format}`;
  mkdirSync(mediaDir, { recursive: true });
  await writeFile(path.join(mediaDir, file), encoded.data, { flag: "wx" });
  const entry: ExerciseMedia = {
    id,
    file,
    mimeType: IMAGE_MIME[format],
    width: encoded.info.width,
    height: encoded.info.height,
    alt: options.alt.trim() || exercise.name,
  };
  try {
    scope.db.transaction((tx) => {
      const current = requireClinicExercise(tx, scope.clinicId, exercise.id);
      tx.update(exercises)
        .set({ media: [...current.media, entry], updatedAt: new Date() })
        .where(eq(exercises.id, exercise.id))
        .run();
      recordAudit(tx, {
        clinicId: scope.clinicId,
        actorKind: "user",
        actorId: scope.userId,
        action: "exercise.image.add",
        entityType: "exercise",
        entityId: exercise.id,
        before: { media: current.media.map((m) => m.id) },
        after: { media: [...current.media, entry].map((m) => m.id) },
        ip: scope.ip,
      });
    });
  } catch (error) {
    await unlink(path.join(mediaDir, file)).catch(() => undefined);
    throw error;
  }
  return { id, width: entry.width, height: entry.height };
}

function changeMedia(
  scope: ClinicScope,
  exerciseId: string,
  action: string,
  change: (media: ExerciseMedia[]) => ExerciseMedia[],
) {
  return scope.db.transaction((tx) => {
    const current = requireClinicExercise(tx, scope.clinicId, exerciseId);
    const next = change(current.media);
    tx.update(exercises)
      .set({ media: next, updatedAt: new Date() })
      .where(eq(exercises.id, current.id))
      .run();
    recordAudit(tx, {
      clinicId: scope.clinicId,
      actorKind: "user",
      actorId: scope.userId,
      action,
      entityType: "exercise",
      entityId: current.id,
      before: { media: current.media.map((m) => m.id) },
      after: { media: next.map((m) => m.id) },
      ip: scope.ip,
    });
    return { removed: current.media.filter((m) => !next.includes(m)) };
  });
}

/** Puts the pictures in the given order; the list must name each picture exactly once. */
export function reorderExerciseImages(options: {
  scope: ClinicScope;
  exerciseId: string;
  order: string[];
}) {
  changeMedia(options.scope, options.exerciseId, "exercise.image.reorder", (media) => {
    const byId = new Map(media.map((m) => [m.id, m]));
    if (
      options.order.length !== media.length ||
      new Set(options.order).size !== media.length ||
      !options.order.every((id) => byId.has(id))
    ) {
      throw new ConflictError(
        "The pictures changed while you were ordering them. Reload the page and try again.",
      );
    }
    return options.order.map((id) => byId.get(id)!);
  });
}

export async function removeExerciseImage(options: {
  scope: ClinicScope;
  mediaDir: string;
  exerciseId: string;
  imageId: string;
}) {
  const { removed } = changeMedia(
    options.scope,
    options.exerciseId,
    "exercise.image.remove",
    (media) => {
      if (!media.some((m) => m.id === options.imageId)) throw new NotFoundError("That picture");
      return media.filter((m) => m.id !== options.imageId);
    },
  );
  await Promise.all(
    removed.map((m) => unlink(path.join(options.mediaDir, m.file)).catch(() => undefined)),
  );
}

async function readMedia(mediaDir: string, media: ExerciseMedia) {
  try {
    return { bytes: await readFile(path.join(mediaDir, media.file)), mimeType: media.mimeType };
  } catch {
    return null;
  }
}

/** A picture for a member of staff: any exercise their clinic can see. Null when not found. */
export async function readExerciseImageForStaff(options: {
  scope: ClinicScope;
  mediaDir: string;
  exerciseId: string;
  imageId: string;
}) {
  try {
    const exercise = requireVisibleExercise(
      options.scope.db,
      options.scope.clinicId,
      options.exerciseId,
    );
    const media = exercise.media.find((m) => m.id === options.imageId);
    return media ? readMedia(options.mediaDir, media) : null;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/** A picture for a patient: only of an exercise in their current program. Null otherwise. */
export async function readExerciseImageForPatient(options: {
  scope: PatientScope;
  mediaDir: string;
  exerciseId: string;
  imageId: string;
}) {
  const { scope } = options;
  const program = getCurrentProgram({
    db: scope.db,
    clinicId: scope.clinicId,
    patientId: scope.patientId,
  });
  if (!program?.items.some((i) => i.exercise.id === options.exerciseId)) return null;
  const row = scope.db
    .select({ media: exercises.media })
    .from(exercises)
    .where(eq(exercises.id, options.exerciseId))
    .get();
  const media = row?.media.find((m) => m.id === options.imageId);
  return media ? readMedia(options.mediaDir, media) : null;
}
