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
  const { data } = scope;
  // Serializable: the slug is chosen from the slugs read, so two copies at once cannot share one.
  return data.write(
    async (tx) => {
      const source = await requireVisibleTemplate(tx, scope, options.templateId);
      const items = await templateItemRows(tx, source.id);
      const name = copyTemplateName(source.name);
      const [row] = await tx
        .insert(programTemplates)
        .values(
          data.stamp({
            slug: await uniqueTemplateSlug(tx, data, name),
            name,
            condition: source.condition,
            description: source.description,
          }),
        )
        .returning({ id: programTemplates.id });
      await insertTemplateItems(tx, row!.id, items);
      await auditTemplateChange(tx, scope, {
        action: "copy",
        templateId: row!.id,
        after: {
          ...templateSnapshot({ ...source, name, archivedAt: null }, items),
          copiedFromId: source.id,
          copiedFromShared: source.clinicId === null,
        },
      });
      return { id: row!.id };
    },
    { isolation: "serializable" },
  );
}
