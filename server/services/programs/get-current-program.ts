import { asc, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/engine/types";
import { exercises, programItems, programs, programVersions, users } from "@/db/schema";
import { minePrepared } from "@/server/data/clinic-data";
import { describeDose, describeFrequency, describeSession } from "@/server/domain/dosage";
import { perConnection, placeholder as p } from "../prepared";

/** Both reads, prepared once per connection: the patient's pages and the staff's call this. */
const statements = perConnection((db) => ({
  version: db
    .select({
      id: programVersions.id,
      programId: programVersions.programId,
      number: programVersions.number,
      reason: programVersions.reason,
      note: programVersions.note,
      painLimit: programVersions.painLimit,
      effectiveFrom: programVersions.effectiveFrom,
      authorName: users.name,
    })
    .from(programVersions)
    .innerJoin(programs, eq(programs.id, programVersions.programId))
    .innerJoin(users, eq(users.id, programVersions.authorId))
    .where(
      minePrepared(programs, eq(programs.patientId, p("patientId")), eq(programs.status, "active")),
    )
    .orderBy(desc(programVersions.number))
    .limit(1)
    .prepare("current_program_version"),
  // Only what the pages show: an exercise's library fields (conditions, defaults, ...) stay unread.
  items: db
    .select({
      item: {
        id: programItems.id,
        position: programItems.position,
        sets: programItems.sets,
        reps: programItems.reps,
        holdSeconds: programItems.holdSeconds,
        restSeconds: programItems.restSeconds,
        durationSeconds: programItems.durationSeconds,
        sessionsPerDay: programItems.sessionsPerDay,
        daysPerWeek: programItems.daysPerWeek,
        side: programItems.side,
        loadKg: programItems.loadKg,
        bandColour: programItems.bandColour,
        notes: programItems.notes,
      },
      exercise: {
        id: exercises.id,
        name: exercises.name,
        category: exercises.category,
        sidedness: exercises.sidedness,
        summary: exercises.summary,
        steps: exercises.steps,
        whatToFeel: exercises.whatToFeel,
        stopIf: exercises.stopIf,
        cautions: exercises.cautions,
        archivedAt: exercises.archivedAt,
        media: exercises.media,
        figure: exercises.figure,
      },
    })
    .from(programItems)
    .innerJoin(exercises, eq(exercises.id, programItems.exerciseId))
    .where(minePrepared(programItems, eq(programItems.versionId, p("versionId"))))
    .orderBy(asc(programItems.position))
    .prepare("current_program_items"),
}));

/**
 * The version in force for a patient's active program, with its items in order and each item's
 * exercise. Callers have already checked that the patient is in their scope; the clinic filter here
 * is a second guard. Runs on the caller's `db` (inside its `read` or `write`).
 */
export async function getCurrentProgram(options: { db: Db; clinicId: string; patientId: string }) {
  const { clinicId, patientId } = options;
  const q = statements(options.db);
  const [version] = await q.version.execute({ patientId, clinicId });
  if (!version) return null;
  const rows = await q.items.execute({ versionId: version.id, clinicId });
  const items = rows.map(({ item, exercise }) => ({
    id: item.id,
    position: item.position,
    sets: item.sets,
    reps: item.reps,
    holdSeconds: item.holdSeconds,
    restSeconds: item.restSeconds,
    durationSeconds: item.durationSeconds,
    sessionsPerDay: item.sessionsPerDay,
    daysPerWeek: item.daysPerWeek,
    side: item.side,
    loadKg: item.loadKg,
    bandColour: item.bandColour,
    notes: item.notes,
    // One wording for the card, the dose line and the handout: the side read with how the
    // exercise is done, so a together exercise never reads as one leg.
    doseText: describeDose(item, exercise.sidedness),
    sessionText: describeSession(item),
    frequencyText: describeFrequency(item, exercise.sidedness),
    exercise: {
      id: exercise.id,
      name: exercise.name,
      category: exercise.category,
      sidedness: exercise.sidedness,
      summary: exercise.summary,
      steps: exercise.steps,
      whatToFeel: exercise.whatToFeel,
      stopIf: exercise.stopIf,
      cautions: exercise.cautions,
      archived: exercise.archivedAt !== null,
      media: exercise.media.map((m) => ({
        id: m.id,
        alt: m.alt,
        width: m.width,
        height: m.height,
      })),
      figure: exercise.figure,
    },
  }));
  return { version, items };
}

export type CurrentProgram = NonNullable<Awaited<ReturnType<typeof getCurrentProgram>>>;
