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
import { exerciseVisibleTo } from "./visibility";

/** A refused upload, with a sentence for the admin. */
export class ImageRejectedError extends ConflictError {}

const MAX_PICTURES = 8;
const MAX_EDGE = 1600;

const tooMany = () =>
  new ImageRejectedError(
    `An exercise can have ${MAX_PICTURES} pictures at most. Remove one first.`,
  );

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
  const { data } = scope;
  const exercise = await data.read((db) => requireClinicExercise(db, data, options.exerciseId));
  if (exercise.media.length >= MAX_PICTURES) throw tooMany();
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
    // Serializable: the list is read, then written back with the picture added, so two uploads
    // at once must not both start from the same list.
    await data.write(
      async (tx) => {
        const current = await requireClinicExercise(tx, data, exercise.id);
        // Checked again here: another upload may have landed while this one was encoded.
        if (current.media.length >= MAX_PICTURES) throw tooMany();
        await tx
          .update(exercises)
          .set({ media: [...current.media, entry], updatedAt: new Date() })
          .where(data.mine(exercises, eq(exercises.id, exercise.id)));
        await recordAudit(tx, {
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
      },
      { isolation: "serializable" },
    );
  } catch (error) {
    await unlink(path.join(mediaDir, file)).catch(() => undefined);
    throw error;
  }
  return { id, width: entry.width, height: entry.height };
}

/** Reads the pictures, changes the list and writes it back: serializable, like an upload. */
function changeMedia(
  scope: ClinicScope,
  exerciseId: string,
  action: string,
  change: (media: ExerciseMedia[]) => ExerciseMedia[],
) {
  const { data } = scope;
  return data.write(
    async (tx) => {
      const current = await requireClinicExercise(tx, data, exerciseId);
      const next = change(current.media);
      await tx
        .update(exercises)
        .set({ media: next, updatedAt: new Date() })
        .where(data.mine(exercises, eq(exercises.id, current.id)));
      await recordAudit(tx, {
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
    },
    { isolation: "serializable" },
  );
}

/** Puts the pictures in the given order; the list must name each picture exactly once. */
export async function reorderExerciseImages(options: {
  scope: ClinicScope;
  exerciseId: string;
  order: string[];
}): Promise<void> {
  await changeMedia(options.scope, options.exerciseId, "exercise.image.reorder", (media) => {
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
  const { removed } = await changeMedia(
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
    const { data } = options.scope;
    const exercise = await data.read((db) => requireVisibleExercise(db, data, options.exerciseId));
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
  const { data } = options.scope;
  const row = await data.read(async (db) => {
    const program = await getCurrentProgram({
      db,
      clinicId: data.clinicId,
      patientId: data.patientId,
    });
    if (!program?.items.some((i) => i.exercise.id === options.exerciseId)) return null;
    const [exercise] = await db
      .select({ media: exercises.media })
      .from(exercises)
      .where(exerciseVisibleTo(data, eq(exercises.id, options.exerciseId)))
      .limit(1);
    return exercise ?? null;
  });
  const media = row?.media.find((m) => m.id === options.imageId);
  return media ? readMedia(options.mediaDir, media) : null;
}
