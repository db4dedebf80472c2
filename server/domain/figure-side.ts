import type { Side, Sidedness } from "@/db/schema/enums";

/**
 * The leg an exercise's drawing highlights and names (issue 14): the prescribed side, except that
 * a together exercise always works both legs, whatever side an older program item still holds.
 */
export function figureSide(side: Side, sidedness: Sidedness): Side {
  return sidedness === "together" ? "both" : side;
}
