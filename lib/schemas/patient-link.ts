import { z } from "zod";

export const MIN_LINK_DAYS = 1;
export const MAX_LINK_DAYS = 730;

/** The validity choices offered beside "another number of days". */
export const LINK_DAY_PRESETS = [30, 90, 180, 365] as const;

/** How long a new patient link works; the same rule runs in the link panel and the API. */
export const ZLinkValidDays = z
  .number({ error: "Enter the number of days the link should work, from 1 to 730." })
  .int("Enter a whole number of days, from 1 to 730.")
  .min(MIN_LINK_DAYS, "A link must last at least a day.")
  .max(MAX_LINK_DAYS, "A link can last two years at most (730 days).");
