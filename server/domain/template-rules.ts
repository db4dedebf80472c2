/** Sizes a program template may reach: checked by the zod schemas, used by the copy rule. */
export const TEMPLATE_LIMITS = { name: 120, description: 2000, notes: 500, items: 30 } as const;

const COPY_SUFFIX = " (copy)";

/** "Name (copy)", shortened so that it still fits the name limit. */
export function copyTemplateName(name: string): string {
  return `${name.slice(0, TEMPLATE_LIMITS.name - COPY_SUFFIX.length).trimEnd()}${COPY_SUFFIX}`;
}
