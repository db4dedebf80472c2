import type { Condition } from "@/db/schema/enums";

/**
 * The templates for the patient's condition first, then the rest; each group keeps the order it
 * came in (by name, from templates.list).
 */
export function suggestTemplates<T extends { condition: Condition }>(
  templates: readonly T[],
  condition: Condition,
): { suggested: T[]; others: T[] } {
  return {
    suggested: templates.filter((t) => t.condition === condition),
    others: templates.filter((t) => t.condition !== condition),
  };
}
