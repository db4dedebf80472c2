import { describe, expect, it } from "vitest";
import { suggestTemplates } from "./suggested-templates";

describe("templates suggested for the patient's condition", () => {
  const templates = [
    { name: "Knee nerve pain", condition: "knee_nerve_pain" as const },
    { name: "Our runners", condition: "runners_knee" as const },
    { name: "Pain inside the knee", condition: "medial_knee_pain" as const },
    { name: "Runner's knee", condition: "runners_knee" as const },
  ];

  it("puts the matching templates first, each group in its own order", () => {
    const { suggested, others } = suggestTemplates(templates, "runners_knee");
    expect(suggested.map((t) => t.name)).toEqual(["Our runners", "Runner's knee"]);
    expect(others.map((t) => t.name)).toEqual(["Knee nerve pain", "Pain inside the knee"]);
  });

  it("suggests nothing when no template is for the condition", () => {
    const { suggested, others } = suggestTemplates(templates, "sciatica_knee_pain");
    expect(suggested).toEqual([]);
    expect(others).toHaveLength(4);
  });
});
