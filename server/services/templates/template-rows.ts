import { asc, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "@/db/engine/types";
import { exercises, programTemplates, templateItems } from "@/db/schema";
import type { BandColour, Condition, DoseSide } from "@/db/schema/enums";
import type { ClinicData } from "@/server/data/clinic-data";
import { recordAudit } from "@/server/audit";
import { firstSideConflict } from "@/server/domain/dosage";
import { exerciseVisibleTo, templateVisibleTo } from "../library/visibility";
import { ConflictError, NotFoundError } from "../errors";
import type { ClinicScope } from "../scope";

/** The dose and note of one template item, in the order the columns appear in the table. */
export interface TemplateItemDraft {
  exerciseId: string;
  sets: number | null;
  reps: number | null;
  holdSeconds: number | null;
  restSeconds: number | null;
  durationSeconds: number | null;
  sessionsPerDay: number;
  daysPerWeek: number;
  side: DoseSide;
  loadKg: number | null;
  bandColour: BandColour | null;
  notes: string | null;
}

/** Everything an admin sets on a template; already validated by the router's zod schema. */
export interface TemplateDraft {
  name: string;
  condition: Condition;
  description: string;
  items: TemplateItemDraft[];
}

const templateColumns = {
  id: programTemplates.id,
  clinicId: programTemplates.clinicId,
  name: programTemplates.name,
  condition: programTemplates.condition,
  description: programTemplates.description,
  archivedAt: programTemplates.archivedAt,
  createdAt: programTemplates.createdAt,
};

export type TemplateRow = Awaited<ReturnType<typeof requireVisibleTemplate>>;

/** A shared template or one of the scope's clinic; anything else is "not found". */
export async function requireVisibleTemplate(db: Db, scope: ClinicScope, templateId: string) {
  const [row] = await db
    .select(templateColumns)
    .from(programTemplates)
    .where(templateVisibleTo(scope.data, eq(programTemplates.id, templateId)))
    .limit(1);
  if (!row) throw new NotFoundError("That template");
  return row;
}

/** A template the clinic may change: its own. Shared templates are read-only for everyone. */
export async function requireClinicTemplate(db: Db, scope: ClinicScope, templateId: string) {
  const row = await requireVisibleTemplate(db, scope, templateId);
  if (row.clinicId === null) {
    throw new ConflictError(
      "Shared templates cannot be changed. Copy it to make a version your clinic can edit.",
    );
  }
  return row;
}

/**
 * A template's items in order, each with its exercise's name and whether it is archived. The
 * caller has already found the template visible to its clinic, and so are its exercises.
 */
export async function templateItemRows(db: Db, templateId: string) {
  return await db
    .select({
      id: templateItems.id,
      position: templateItems.position,
      exerciseId: templateItems.exerciseId,
      exerciseName: exercises.name,
      exerciseArchivedAt: exercises.archivedAt,
      exerciseSidedness: exercises.sidedness,
      exerciseFigure: exercises.figure,
      sets: templateItems.sets,
      reps: templateItems.reps,
      holdSeconds: templateItems.holdSeconds,
      restSeconds: templateItems.restSeconds,
      durationSeconds: templateItems.durationSeconds,
      sessionsPerDay: templateItems.sessionsPerDay,
      daysPerWeek: templateItems.daysPerWeek,
      side: templateItems.side,
      loadKg: templateItems.loadKg,
      bandColour: templateItems.bandColour,
      notes: templateItems.notes,
    })
    .from(templateItems)
    .innerJoin(exercises, eq(exercises.id, templateItems.exerciseId))
    .where(eq(templateItems.templateId, templateId))
    .orderBy(asc(templateItems.position));
}

export type TemplateItemRow = Awaited<ReturnType<typeof templateItemRows>>[number];

function itemDraft(item: TemplateItemDraft): TemplateItemDraft {
  return {
    exerciseId: item.exerciseId,
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
  };
}

/** The state the audit trail records before and after a change. */
export function templateSnapshot(
  template: Pick<TemplateRow, "name" | "condition" | "description" | "archivedAt">,
  items: TemplateItemDraft[],
): Record<string, unknown> {
  return {
    name: template.name,
    condition: template.condition,
    description: template.description,
    archivedAt: template.archivedAt?.toISOString() ?? null,
    items: items.map(itemDraft),
  };
}

/**
 * Checks every exercise of a draft: it must be visible to the clinic (otherwise it is "not found",
 * like any other clinic's id) and not archived, unless the template already held it: an admin may
 * keep an exercise that was archived later while editing the rest. Sides and notes follow the
 * rules a program's save applies, with the same words.
 */
export async function checkDraftExercises(
  db: Db,
  scope: ClinicScope,
  draft: TemplateDraft,
  alreadyHeld: ReadonlySet<string> = new Set(),
): Promise<void> {
  const ids = [...new Set(draft.items.map((i) => i.exerciseId))];
  const found = await db
    .select({
      id: exercises.id,
      name: exercises.name,
      sidedness: exercises.sidedness,
      archivedAt: exercises.archivedAt,
    })
    .from(exercises)
    .where(exerciseVisibleTo(scope.data, inArray(exercises.id, ids)));
  if (found.length !== ids.length) throw new NotFoundError("One of the chosen exercises");
  const archived = found.find((e) => e.archivedAt !== null && !alreadyHeld.has(e.id));
  if (archived) {
    throw new ConflictError(
      `“${archived.name}” has been archived and cannot be added. Choose another exercise.`,
    );
  }
  const sideConflict = firstSideConflict(draft.items, new Map(found.map((e) => [e.id, e])));
  if (sideConflict) throw new ConflictError(sideConflict.message);
}

/** Writes a template's items from position 0, in the order given. */
export async function insertTemplateItems(
  tx: Tx,
  templateId: string,
  items: TemplateItemDraft[],
): Promise<void> {
  if (items.length === 0) return;
  await tx
    .insert(templateItems)
    .values(items.map((item, position) => ({ ...itemDraft(item), templateId, position })));
}

/** A slug unused in the clinic, from the name: slugs are internal and never change afterwards. */
export async function uniqueTemplateSlug(db: Db, data: ClinicData, name: string): Promise<string> {
  const base =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "template";
  const rows = await db
    .select({ slug: programTemplates.slug })
    .from(programTemplates)
    .where(data.mine(programTemplates));
  const taken = new Set(rows.map((r) => r.slug));
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

/** Audits one change to a template, in the caller's transaction. */
export function auditTemplateChange(
  tx: Tx,
  scope: ClinicScope,
  change: {
    action: "create" | "update" | "copy" | "archive" | "unarchive";
    templateId: string;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
    at?: Date;
  },
) {
  return recordAudit(tx, {
    clinicId: scope.clinicId,
    actorKind: "user",
    actorId: scope.userId,
    action: `program_template.${change.action}`,
    entityType: "program_template",
    entityId: change.templateId,
    before: change.before ?? null,
    after: change.after ?? null,
    ip: scope.ip,
    ...(change.at ? { at: change.at } : {}),
  });
}
