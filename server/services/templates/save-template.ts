import { eq } from "drizzle-orm";
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

/**
 * Both writes check what they read (the exercises, the slugs taken, the template's state) before
 * writing: serializable, so a concurrent change cannot slip between the check and the write.
 */
const READ_THEN_WRITE = { isolation: "serializable" } as const;

/** Creates a clinic template with its items, audited in the same transaction. */
export function createTemplate(options: { scope: ClinicScope; draft: TemplateDraft }) {
  const { scope, draft } = options;
  const { data } = scope;
  return data.write(async (tx) => {
    await checkDraftExercises(tx, scope, draft);
    const [row] = await tx
      .insert(programTemplates)
      .values(
        data.stamp({
          slug: await uniqueTemplateSlug(tx, data, draft.name),
          name: draft.name,
          condition: draft.condition,
          description: draft.description,
        }),
      )
      .returning({ id: programTemplates.id });
    await insertTemplateItems(tx, row!.id, draft.items);
    await auditTemplateChange(tx, scope, {
      action: "create",
      templateId: row!.id,
      after: templateSnapshot({ ...draft, archivedAt: null }, draft.items),
    });
    return { id: row!.id };
  }, READ_THEN_WRITE);
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
  const { data } = scope;
  return data.write(async (tx) => {
    const template = await requireClinicTemplate(tx, scope, options.templateId);
    if (template.archivedAt) {
      throw new ConflictError("This template is archived. Unarchive it before editing it.");
    }
    const beforeItems = await templateItemRows(tx, template.id);
    await checkDraftExercises(tx, scope, draft, new Set(beforeItems.map((i) => i.exerciseId)));
    await tx
      .update(programTemplates)
      .set({ name: draft.name, condition: draft.condition, description: draft.description })
      .where(data.mine(programTemplates, eq(programTemplates.id, template.id)));
    // template_items has no clinic column: the template was found among the clinic's own above.
    await tx.delete(templateItems).where(eq(templateItems.templateId, template.id));
    await insertTemplateItems(tx, template.id, draft.items);
    await auditTemplateChange(tx, scope, {
      action: "update",
      templateId: template.id,
      before: templateSnapshot(template, beforeItems),
      after: templateSnapshot({ ...draft, archivedAt: null }, draft.items),
    });
    return { id: template.id };
  }, READ_THEN_WRITE);
}
