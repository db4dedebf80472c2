import { programTemplates } from "@/db/schema";
import { copyTemplateName } from "@/server/domain/template-rules";
import type { ClinicScope } from "../scope";
import {
  auditTemplateChange,
  insertTemplateItems,
  requireVisibleTemplate,
  templateItemRows,
  templateSnapshot,
  uniqueTemplateSlug,
} from "./template-rows";

/**
 * Copies a shared or clinic template into a new template of the clinic, items and doses included.
 * The original is left exactly as it was. The copy starts unarchived.
 */
export function copyTemplate(options: { scope: ClinicScope; templateId: string }) {
  const { scope } = options;
  return scope.db.transaction((tx) => {
    const source = requireVisibleTemplate(tx, scope, options.templateId);
    const items = templateItemRows(tx, source.id);
    const name = copyTemplateName(source.name);
    const row = tx
      .insert(programTemplates)
      .values({
        clinicId: scope.clinicId,
        slug: uniqueTemplateSlug(tx, scope.clinicId, name),
        name,
        condition: source.condition,
        description: source.description,
      })
      .returning({ id: programTemplates.id })
      .get();
    insertTemplateItems(tx, row.id, items);
    auditTemplateChange(tx, scope, {
      action: "copy",
      templateId: row.id,
      after: {
        ...templateSnapshot({ ...source, name, archivedAt: null }, items),
        copiedFromId: source.id,
        copiedFromShared: source.clinicId === null,
      },
    });
    return { id: row.id };
  });
}
