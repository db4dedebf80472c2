import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { exercises, programTemplates, templateItems } from "@/db/schema";
import type { Condition } from "@/db/schema/enums";
import { recordAudit } from "@/server/audit";
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

export type TemplateRow = NonNullable<ReturnType<typeof findVisibleTemplate>>;

function findVisibleTemplate(db: DbOrTx, clinicId: string, templateId: string) {
  return db
    .select(templateColumns)
    .from(programTemplates)
    .where(and(eq(programTemplates.id, templateId), templateVisibleTo(clinicId)))
    .get();
}

/** A shared template or one of the scope's clinic; anything else is "not found". */
export function requireVisibleTemplate(db: DbOrTx, scope: ClinicScope, templateId: string) {
  const row = findVisibleTemplate(db, scope.clinicId, templateId);
  if (!row) throw new NotFoundError("That template");
  return row;
}

/** A template the clinic may change: its own. Shared templates are read-only for everyone. */
export function requireClinicTemplate(db: DbOrTx, scope: ClinicScope, templateId: string) {
  const row = requireVisibleTemplate(db, scope, templateId);
  if (row.clinicId === null) {
    throw new ConflictError(
      "Shared templates cannot be changed. Copy it to make a version your clinic can edit.",
    );
  }
  return row;
}

/** A template's items in order, each with its exercise's name and whether it is archived. */
export function templateItemRows(db: DbOrTx, templateId: string) {
  return db
    .select({
      id: templateItems.id,
      position: templateItems.position,
      exerciseId: templateItems.exerciseId,
      exerciseName: exercises.name,
      exerciseArchivedAt: exercises.archivedAt,
      exerciseSidedness: exercises.sidedness,
      sets: templateItems.sets,
      reps: templateItems.reps,
      holdSeconds: templateItems.holdSeconds,
      restSeconds: templateItems.restSeconds,
      durationSeconds: templateItems.durationSeconds,
      sessionsPerDay: templateItems.sessionsPerDay,
      daysPerWeek: templateItems.daysPerWeek,
      notes: templateItems.notes,
    })
    .from(templateItems)
    .innerJoin(exercises, eq(exercises.id, templateItems.exerciseId))
    .where(eq(templateItems.templateId, templateId))
    .orderBy(asc(templateItems.position))
    .all();
}

export type TemplateItemRow = ReturnType<typeof templateItemRows>[number];

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
 * keep an exercise that was archived later while editing the rest.
 */
export function checkDraftExercises(
  db: DbOrTx,
  scope: ClinicScope,
  draft: TemplateDraft,
  alreadyHeld: ReadonlySet<string> = new Set(),
) {
  const ids = [...new Set(draft.items.map((i) => i.exerciseId))];
  const found = db
    .select({ id: exercises.id, name: exercises.name, archivedAt: exercises.archivedAt })
    .from(exercises)
    .where(and(inArray(exercises.id, ids), exerciseVisibleTo(scope.clinicId)))
    .all();
  if (found.length !== ids.length) throw new NotFoundError("One of the chosen exercises");
  const archived = found.find((e) => e.archivedAt !== null && !alreadyHeld.has(e.id));
  if (archived) {
    throw new ConflictError(
      `“${archived.name}” has been archived and cannot be added. Choose another exercise.`,
    );
  }
}

/** Writes a template's items from position 0, in the order given. */
export function insertTemplateItems(db: DbOrTx, templateId: string, items: TemplateItemDraft[]) {
  items.forEach((item, position) => {
    db.insert(templateItems)
      .values({ ...itemDraft(item), templateId, position })
      .run();
  });
}

/** A slug unused in the clinic, from the name: slugs are internal and never change afterwards. */
export function uniqueTemplateSlug(db: DbOrTx, clinicId: string, name: string): string {
  const base =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "template";
  const taken = new Set(
    db
      .select({ slug: programTemplates.slug })
      .from(programTemplates)
      .where(eq(programTemplates.clinicId, clinicId))
      .all()
      .map((r) => r.slug),
  );
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

/** Audits one change to a template, in the caller's transaction. */
export function auditTemplateChange(
  tx: DbOrTx,
  scope: ClinicScope,
  change: {
    action: "create" | "update" | "copy" | "archive" | "unarchive";
    templateId: string;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
    at?: Date;
  },
) {
  recordAudit(tx, {
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
