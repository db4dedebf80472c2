import { describe, expect, it } from "vitest";
import { SIDEDNESS } from "../schema/enums";
import { defaultSide, noteSideConflict } from "../../server/domain/dosage";
import { seedExercises } from "./exercises";
import { seedTemplates } from "./templates";

/**
 * What patients read of the seeded library (CLINICAL.md, "What patients read" and "Sidedness"):
 * nothing tells them to change their dose, and nothing names a side the side line might contradict.
 */

/** Phrases that tell a patient to do more, less, or harder work: that is the clinician's call. */
const DOSE_CHANGES: readonly RegExp[] = [
  /\bharder\b/i,
  /\bheavier\b/i,
  /\bfor (?:a little |a bit )?more\b/i,
  /\badd (?:a |an |some |more )?(?:light |small )?(?:ankle )?(?:weight|band|resistance|reps?|sets?|repeats?)\b/i,
  /\badd more\b/i,
  /\bmore (?:reps|repeats|sets|weight|resistance|times|often)\b/i,
  /\b(?:fewer|less often)\b/i,
  /\bincreas/i,
  /\bprogress/i,
  /\bbuild (?:it )?up\b/i,
  /\bas you get stronger\b/i,
  /\bwhen (?:it|this) (?:gets|feels|becomes) (?:easy|easier)\b/i,
  /\bat first\b/i,
  /\bnext level\b/i,
  /\bgo further\b/i,
  /\bextra\b/i,
];

/** Step wording that would contradict a one-leg prescription, or name a side on its own. */
const SIDE_IN_STEPS: readonly RegExp[] = [
  /\bswitch (?:legs|sides)\b/i,
  /\b(?:do|turn over for) the other (?:leg|side)\b/i,
  /\bthen switch\b/i,
  /\b(?:left|right) (?:leg|knee|side|foot)\b/i,
];

function patientText(e: (typeof seedExercises)[number]): string[] {
  return [e.summary, ...e.steps, e.whatToFeel, e.stopIf, ...e.cautions];
}

describe("the seeded library as patients read it", () => {
  it("the dose-change check catches the phrases the library used to have", () => {
    const old = [
      "For more work, add a light ankle weight or a resistance band, as your clinician advises.",
      "For a little more, tuck your tailbone under gently before you bend the knee.",
      "Keep the resistance low until your clinician says to add more.",
      "Keep it shallow at first. Do not go down into a deep squat.",
    ];
    for (const sentence of old) {
      expect(DOSE_CHANGES.some((p) => p.test(sentence))).toBe(true);
    }
  });

  it("never tells a patient to change the dose, in any exercise or template note", () => {
    const found: string[] = [];
    for (const e of seedExercises) {
      for (const text of patientText(e)) {
        if (DOSE_CHANGES.some((p) => p.test(text))) found.push(`${e.slug}: ${text}`);
      }
    }
    for (const t of seedTemplates) {
      for (const item of t.items) {
        if (item.notes && DOSE_CHANGES.some((p) => p.test(item.notes!)))
          found.push(`${t.slug}/${item.exerciseSlug}: ${item.notes}`);
      }
    }
    expect(found).toEqual([]);
  });

  it("gives every exercise its sidedness, as the steps describe it", () => {
    for (const e of seedExercises) expect(SIDEDNESS).toContain(e.sidedness);
    const by = Object.fromEntries(seedExercises.map((e) => [e.slug, e.sidedness]));
    // CLINICAL.md names these three as done with both legs together.
    expect(by["wall-squat"]).toBe("together");
    expect(by["glute-bridge"]).toBe("together");
    expect(by["stationary-cycling-gentle"]).toBe("together");
    expect(by["adductor-squeeze"]).toBe("together");
    expect(by["hamstring-stretch"]).toBe("each_leg");
    expect(by["sciatic-nerve-glide-seated"]).toBe("each_leg");
    expect(by["quadriceps-sets"]).toBe("one_leg");
    // Most stretches and glides are each leg in turn.
    const stretchesAndGlides = seedExercises.filter(
      (e) => e.category === "neural_glide" || e.category === "mobility_stretch",
    );
    const eachLeg = stretchesAndGlides.filter((e) => e.sidedness === "each_leg").length;
    expect(eachLeg / stretchesAndGlides.length).toBeGreaterThan(0.5);
  });

  it("leaves sides to the side line: no step names a side or says to switch", () => {
    const found = seedExercises.flatMap((e) =>
      patientText(e)
        .filter((text) => SIDE_IN_STEPS.some((p) => p.test(text)))
        .map((text) => `${e.slug}: ${text}`),
    );
    expect(found).toEqual([]);
  });

  it("has no template note that contradicts the side a new item starts on", () => {
    const sidedness = new Map(seedExercises.map((e) => [e.slug, e.sidedness]));
    for (const t of seedTemplates) {
      for (const item of t.items) {
        const how = sidedness.get(item.exerciseSlug)!;
        for (const affected of ["left", "right", "both"] as const) {
          expect(noteSideConflict(item.notes ?? null, defaultSide(how, affected), how)).toBeNull();
        }
      }
    }
  });
});
