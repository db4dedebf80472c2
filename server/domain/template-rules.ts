/**
 * Sizes of a template's own text: checked by the zod schemas, used by the copy rule. Its items
 * and their notes follow the dose limits programs use (lib/schemas/dose.ts).
 */
export const TEMPLATE_LIMITS = { name: 120, description: 2000 } as const;

const COPY_SUFFIX = " (copy)";

/** "Name (copy)", shortened so that it still fits the name limit. */
export function copyTemplateName(name: string): string {
  return `${name.slice(0, TEMPLATE_LIMITS.name - COPY_SUFFIX.length).trimEnd()}${COPY_SUFFIX}`;
}
