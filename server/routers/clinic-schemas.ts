import { z } from "zod";

/**
 * Inputs and outputs of the clinic settings procedures, apart from the router so the browser's
 * form validates with exactly these rules.
 */

/** What patients dial in an emergency: 999, 112, 911, 000, 111 … (CLINICAL.md, "Red flags"). */
export const ZEmergencyNumber = z
  .string()
  .trim()
  .min(1, "Enter the emergency number patients should call, like 999 or 112.")
  .regex(/^\d+$/, "Use digits only for the emergency number, like 999 or 112.")
  .min(2, "The emergency number has 2 to 6 digits, like 999 or 112.")
  .max(6, "The emergency number has 2 to 6 digits, like 999 or 112.");

/** Optional; when given, a number a phone can dial: digits with spaces, +, brackets or dashes. */
export const ZClinicPhone = z
  .string()
  .trim()
  .max(30, "Use at most 30 characters for the phone number.")
  .refine(
    (v) => v === "" || (/^\+?[\d\s()-]+$/.test(v) && v.replace(/\D/g, "").length >= 6),
    "Enter a phone number patients can dial, like 020 7946 0000 or +44 20 7946 0000.",
  );

export const ZClinicEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(320, "That email address is too long.")
  .refine(
    (v) => v === "" || z.email().safeParse(v).success,
    "Enter a full email address, like front.desk@clinic.example.",
  );

export const ZUpdateClinicDetailsInput = z.object({
  phone: ZClinicPhone,
  email: ZClinicEmail,
  emergencyNumber: ZEmergencyNumber,
});
export type UpdateClinicDetailsInput = z.infer<typeof ZUpdateClinicDetailsInput>;

const ZClinicDetails = z.object({
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  emergencyNumber: z.string(),
});

export const ZUpdateClinicDetailsOutput = ZClinicDetails;

export const ZGetClinicSettingsOutput = z.object({
  clinic: ZClinicDetails,
  mail: z.object({
    configured: z.boolean(),
    /** The settings still to add, by name; never their values. */
    missing: z.array(z.string()),
    from: z.string().nullable(),
    /** This clinic's alert emails still to send, and those given up after every retry. */
    waiting: z.number(),
    undelivered: z.number(),
  }),
});
