import { z } from "zod";
import { SCHEDULE_KINDS } from "./kinds";

/**
 * The shape of one outcome measure's data file (lib/measures/definitions/*.json). Every file is
 * checked against this when it is loaded, so a measure with a typo fails at start-up and in the
 * tests with a sentence naming the file and the field, never later in a patient's hands.
 */

const ZSlug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lower-case letters, digits and single hyphens");
const ZText = z.string().trim().min(1, "must not be empty");

/** A whole-number scale the patient taps, such as 0–10, with the words at both ends. */
const ZScaleAnswer = z
  .object({
    type: z.literal("scale"),
    min: z.int(),
    max: z.int(),
    minLabel: ZText,
    maxLabel: ZText,
  })
  .refine((a) => a.max > a.min, { message: "max must be above min", path: ["max"] })
  .refine((a) => a.max - a.min <= 20, { message: "a scale has at most 21 points", path: ["max"] });

/** One answer chosen from a list, each option scored by its value. */
const ZChoiceAnswer = z
  .object({
    type: z.literal("choice"),
    options: z.array(z.object({ value: z.int(), label: ZText })).min(2),
  })
  .refine((a) => new Set(a.options.map((o) => o.value)).size === a.options.length, {
    message: "each option needs its own value",
    path: ["options"],
  });

export const ZMeasureAnswer = z.discriminatedUnion("type", [ZScaleAnswer, ZChoiceAnswer]);

const ZItem = z.object({ id: ZSlug, text: ZText, answer: ZMeasureAnswer });

/**
 * What a change in the score means:
 * - `change`: the score is compared from the first answer to the latest; an improvement of at
 *   least `mic` (the minimal important change, in the score's points) is meaningful.
 * - `rating`: the single answer already rates the change (a global rating of change); a rating of
 *   at least `importantImprovement` is read as an important improvement.
 */
const ZInterpretation = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("change"), mic: z.number().positive(), source: ZText }),
  z.object({ kind: z.literal("rating"), importantImprovement: z.number(), source: ZText }),
]);

export { SCHEDULE_KINDS, type ScheduleKind } from "./kinds";

export const ZMeasureDefinition = z
  .object({
    id: ZSlug,
    /** Raised whenever items, options or scoring change; responses keep the version they used. */
    version: z.int().min(1),
    name: ZText,
    shortName: ZText,
    /** For clinicians: what it measures and when to use it. */
    summary: ZText,
    /** For the patient, above the questions: plain words (CLINICAL.md, "What patients read"). */
    instructions: ZText,
    /** Fixed questions; empty for a patient-specific measure. */
    items: z.array(ZItem),
    /**
     * A patient-specific measure: the clinician names the patient's own activities with them (the
     * PSFS), and each becomes a question `prompt` with `{activity}` replaced, answered on `answer`.
     */
    patientSpecific: z
      .object({
        minItems: z.int().min(1),
        maxItems: z.int().min(1).max(10),
        prompt: ZText.refine((p) => p.includes("{activity}"), {
          message: "must contain {activity}",
        }),
        answer: ZScaleAnswer,
      })
      .refine((p) => p.maxItems >= p.minItems, { message: "maxItems must be at least minItems" })
      .nullable(),
    scoring: z.object({
      /** `mean` and `sum` over the items; `single` for a one-question measure. */
      method: z.enum(["mean", "sum", "single"]),
      /** The lowest and highest score possible, for the charts' axis. */
      min: z.number(),
      max: z.number(),
      /** Decimals shown (the stored score is not rounded). */
      decimals: z.int().min(0).max(2),
    }),
    direction: z.enum(["higher-is-better", "lower-is-better"]),
    interpretation: ZInterpretation,
    /** When a clinician may schedule it. */
    schedule: z.array(z.enum(SCHEDULE_KINDS)).min(1),
    licence: z.object({
      /** Only `free` measures are shipped (decision 029); a clinic adds others under its own licence. */
      status: z.enum(["free", "licensed-by-clinic"]),
      note: ZText,
      url: z.url().optional(),
    }),
    sources: z.array(z.object({ citation: ZText, url: z.url().optional() })).min(1),
  })
  .superRefine((m, ctx) => {
    const specific = m.patientSpecific !== null;
    if (specific === m.items.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["items"],
        message: specific
          ? "a patient-specific measure has no fixed items"
          : "a measure needs at least one item, or patientSpecific",
      });
    }
    if (m.scoring.method === "single" && (specific || m.items.length !== 1)) {
      ctx.addIssue({
        code: "custom",
        path: ["scoring", "method"],
        message: "`single` scoring needs exactly one fixed item",
      });
    }
    if (new Set(m.items.map((i) => i.id)).size !== m.items.length) {
      ctx.addIssue({ code: "custom", path: ["items"], message: "item ids must be unique" });
    }
    if (m.scoring.max <= m.scoring.min) {
      ctx.addIssue({ code: "custom", path: ["scoring", "max"], message: "max must be above min" });
    }
  });

export type MeasureDefinition = z.infer<typeof ZMeasureDefinition>;
export type MeasureAnswer = z.infer<typeof ZMeasureAnswer>;

/** A data file that does not fit the schema, said in a sentence naming the file and the fields. */
export class MeasureFileError extends Error {
  constructor(file: string, issues: string[]) {
    super(`The outcome measure file ${file} needs fixing: ${issues.join("; ")}.`);
    this.name = "MeasureFileError";
  }
}

/** Checks one data file; throws MeasureFileError saying what to fix. */
export function parseMeasure(raw: unknown, file: string): MeasureDefinition {
  const parsed = ZMeasureDefinition.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new MeasureFileError(
    file,
    parsed.error.issues.map((i) => `${i.path.join(".") || "(the file)"} ${i.message}`),
  );
}
