/**
 * The pain-monitoring rule in one sentence a patient can follow at home (Silbernagel et al. 2007,
 * see CLINICAL.md): pain during exercise may reach the limit, must settle by the next morning and
 * must not build up from week to week.
 */
export function describePainLimit(limit: number): string {
  if (limit === 0) {
    return "The exercises should not hurt at all (0 out of 10); if they cause pain, stop and tell your clinic.";
  }
  return `Some discomfort is fine: during the exercises your pain may reach ${limit} out of 10 but no higher, it should settle by the next morning, and it should not build up from week to week.`;
}
