import type { Role } from "@/db/schema/enums";
import { dateTimeFormat } from "@/lib/intl-format";

export const ROLE_LABELS: Record<Role, string> = { admin: "Admin", clinician: "Clinician" };

/**
 * "12 Mar 2027, 14:05" in the clinic's time zone. A fixed zone (not the browser's) keeps the text
 * identical when the server renders it and when the browser hydrates it.
 */
export function formatInstant(date: Date, timeZone: string): string {
  return dateTimeFormat({
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  }).format(date);
}
