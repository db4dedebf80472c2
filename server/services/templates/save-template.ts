import { and, eq } from "drizzle-orm";
import { programTemplates, templateItems } from "@/db/schema";
import { ConflictError } from "../errors";
import type { ClinicScope } from "../scope";
import {
  auditTemplateChange,
  checkDraftExercises,
  insertTemplateItems,
  requireClinicTemplate,
  templateItemRows,
  templateSnapshot,
  uniqueTemplateSlug,
  type TemplateDraft,
} from "./template-rows";

/** Creates a clinic template with its items, audited in the same transaction. */
export function createTemplate(options: { scope: ClinicScope; draft: TemplateDraft }) {
  const { scope, draft } = options;
  return scope.db.transaction((tx) => {
    checkDraftExercises(tx, scope, draft);
    const row = tx
      .insert(programTemplates)
      .values({
        clinicId: scope.clinicId,
        slug: uniqueTemplateSlug(tx, scope.clinicId, draft.name),
        name: draft.name,
        condition: draft.condition,
        description: draft.description,
      })
      .returning({ id: programTemplates.id })
      .get();
    insertTemplateItems(tx, row.id, draft.items);
    auditTemplateChange(tx, scope, {
      action: "create",
      templateId: row.id,
      after: templateSnapshot({ ...draft, archivedAt: null }, draft.items),
    });
    return { id: row.id };
  });
}

/**
 * Replaces a clinic template's details and all its items in one transaction. Programs copy items
 * when they are built and never point at them, so replacing items changes no patient's program.
 */
export function updateTemplate(options: {
  scope: ClinicScope;
  templateId: string;
  draft: TemplateDraft;
}) {
  const { scope, draft } = options;
  return scope.db.transaction((tx) => {
    const template = requireClinicTemplate(tx, scope, options.templateId);
    if (template.archivedAt) {
      throw new ConflictError("This template is archived. Unarchive it before editing it.");
    }
    const beforeItems = templateItemRows(tx, template.id);
    checkDraftExercises(tx, scope, draft, new Set(beforeItems.map((i) => i.exerciseId)));
    tx.update(programTemplates)
      .set({ name: draft.name, condition: draft.condition, description: draft.description })
      .where(
        and(eq(programTemplates.id, template.id), eq(programTemplates.clinicId, scope.clinicId)),
      )
      .run();
    tx.delete(templateItems).where(eq(templateItems.templateId, template.id)).run();
    insertTemplateItems(tx, template.id, draft.items);
    auditTemplateChange(tx, scope, {
      action: "update",
      templateId: template.id,
      before: templateSnapshot(template, beforeItems),
      after: templateSnapshot({ ...draft, archivedAt: null }, draft.items),
    });
    return { id: template.id };
  });
}
