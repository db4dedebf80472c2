import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import psfs from "./definitions/psfs.json";
import { MEASURE_FILES, MEASURE_IDS, MEASURES } from "./index";
import { MeasureFileError, parseMeasure } from "./schema";

describe("the outcome measure files", () => {
  it("are every file in definitions/, each named in the registry", () => {
    const files = readdirSync(path.join(__dirname, "definitions")).filter((f) =>
      f.endsWith(".json"),
    );
    expect(Object.keys(MEASURE_FILES).sort()).toEqual(files.sort());
  });

  it("ship the PSFS and the Global Rating of Change, both free to use (decision 029)", () => {
    expect(MEASURE_IDS).toEqual(["psfs", "groc"]);
    for (const measure of MEASURES.values()) {
      expect(measure.licence.status).toBe("free");
      expect(measure.sources.length).toBeGreaterThan(0);
    }
    expect(MEASURES.get("psfs")!.interpretation).toMatchObject({ kind: "change", mic: 2 });
    expect(MEASURES.get("groc")!.schedule).toEqual(["discharge"]);
  });

  it("refuse a broken file with a sentence naming the file and the fields to fix", () => {
    const broken = {
      ...psfs,
      id: "PSFS Two",
      patientSpecific: { ...psfs.patientSpecific, prompt: "How well today?" },
      scoring: { ...psfs.scoring, max: -1 },
    };
    let error: unknown;
    try {
      parseMeasure(broken, "psfs-2.json");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MeasureFileError);
    const message = (error as Error).message;
    expect(message).toContain("The outcome measure file psfs-2.json needs fixing");
    expect(message).toContain("id use lower-case letters");
    expect(message).toContain("patientSpecific.prompt must contain {activity}");
  });

  it("refuse fixed items on a patient-specific measure, and single scoring of several items", () => {
    const fixed = {
      ...psfs,
      items: [{ id: "x", text: "X?", answer: psfs.patientSpecific.answer }],
    };
    expect(() => parseMeasure(fixed, "x.json")).toThrow(
      "a patient-specific measure has no fixed items",
    );
    const single = {
      ...psfs,
      patientSpecific: null,
      scoring: { ...psfs.scoring, method: "single" },
      items: [
        { id: "a", text: "A?", answer: psfs.patientSpecific.answer },
        { id: "b", text: "B?", answer: psfs.patientSpecific.answer },
      ],
    };
    expect(() => parseMeasure(single, "y.json")).toThrow("`single` scoring needs exactly one");
  });
});
