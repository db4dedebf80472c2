import { asc, count, eq, isNull, type SQL } from "drizzle-orm";
import { programTemplates, templateItems } from "@/db/schema";
import type { Condition } from "@/db/schema/enums";
import { templateVisibleTo } from "../library/visibility";
import type { ClinicScope } from "../scope";

export interface ListTemplatesInput {
  page: number;
  pageSize: number;
  filters: { condition?: Condition | undefined; includeArchived: boolean };
}

/**
 * The templates a clinic can use: the shared ones and its own, sorted by name. Archived templates
 * are left out unless asked for.
 */
export async function listTemplates(options: { scope: ClinicScope; input: ListTemplatesInput }) {
  const { scope, input } = options;
  const { data } = scope;
  const where: SQL[] = [];
  if (input.filters.condition) where.push(eq(programTemplates.condition, input.filters.condition));
  if (!input.filters.includeArchived) where.push(isNull(programTemplates.archivedAt));
  const condition = templateVisibleTo(data, ...where);
  const { rows, total } = await data.read(async (db) => {
    const rows = await db
      .select({
        id: programTemplates.id,
        name: programTemplates.name,
        condition: programTemplates.condition,
        description: programTemplates.description,
        clinicId: programTemplates.clinicId,
        archivedAt: programTemplates.archivedAt,
        itemCount: count(templateItems.id),
      })
      .from(programTemplates)
      .leftJoin(templateItems, eq(templateItems.templateId, programTemplates.id))
      .where(condition)
      .groupBy(programTemplates.id)
      .orderBy(asc(programTemplates.name), asc(programTemplates.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize);
    const [counted] = await db.select({ n: count() }).from(programTemplates).where(condition);
    return { rows, total: counted?.n ?? 0 };
  });
  return {
    rows: rows.map(({ clinicId, archivedAt, ...row }) => ({
      ...row,
      shared: clinicId === null,
      archived: archivedAt !== null,
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}
