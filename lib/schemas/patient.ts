import { z } from "zod";
import { CONDITIONS, SIDES } from "@/db/schema/enums";

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** A patient's details as the clinician types them; the same rules run in the form and the API. */
export const ZPatientInput = z.object({
  displayName: z
    .string()
    .trim()
    .min(1, "Enter the patient's name as they like to be called.")
    .max(80, "Keep the name under 80 characters."),
  yearOfBirth: z
    .number({ error: "Enter the year of birth as four digits, for example 1978." })
    .int("Enter the year of birth as four digits, for example 1978.")
    .min(1900, "The year of birth must be 1900 or later.")
    // Read the year at each check, so a long-running server does not refuse January's babies.
    .refine(
      (year) => year <= new Date().getUTCFullYear(),
      "The year of birth cannot be in the future.",
    ),
  condition: z.enum(CONDITIONS, { error: "Choose the condition." }),
  affectedSide: z.enum(SIDES, { error: "Choose the affected side." }),
  timeZone: z
    .string()
    .trim()
    .min(1, "Choose a time zone.")
    .refine(isTimeZone, "That is not a time zone we know, for example Europe/London."),
  primaryClinicianId: z.string().min(1, "Choose the primary clinician.").max(64),
});

export type PatientInput = z.infer<typeof ZPatientInput>;
