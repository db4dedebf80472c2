import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FigureAnimation } from "../../components/figure/figure-animation";
import { FigurePoses } from "../../components/figure/figure-poses";
import { figureProblems } from "../../lib/figure/check";
import { exerciseFigureSchema } from "../../lib/figure/schema";
import type { ExerciseFigure, FigurePose } from "../../lib/figure/types";
import { seedExercises } from "./exercises";
import { seedFigures } from "./figures";

const entries = Object.entries(seedFigures) as [string, ExerciseFigure][];

describe("seedFigures", () => {
  it("draws every shared exercise, and only shared exercises", () => {
    const slugs = seedExercises.map((e) => e.slug).sort();
    expect(Object.keys(seedFigures).sort()).toEqual(slugs);
  });

  it.each(entries)("%s passes the schema and the figure checks", (slug, figure) => {
    expect(exerciseFigureSchema.safeParse(figure).success).toBe(true);
    expect(figureProblems(figure)).toEqual([]);
  });

  it.each(entries)("%s renders as an animation and as printed stills", (slug, figure) => {
    const exercise = seedExercises.find((e) => e.slug === slug)!;
    const side = exercise.sidedness === "together" ? "both" : "left";
    const moving = renderToStaticMarkup(
      createElement(FigureAnimation, { figure, label: exercise.name, side }),
    );
    expect(moving).toMatch(/^<div role="img" aria-label="[^"]+"/);
    expect(moving).toContain("<animate ");
    expect(moving).toContain("motion-reduce:grid");
    const printed = renderToStaticMarkup(
      createElement(FigurePoses, { figure, label: exercise.name, side }),
    );
    expect(printed).toContain(">Start<");
    expect(printed).toContain(">End<");
    expect(printed).not.toContain("<animate");
  });

  it("matches the drawing to the steps: one-leg exercises highlight a leg, both-leg ones none", () => {
    for (const exercise of seedExercises) {
      const figure = seedFigures[exercise.slug]!;
      if (exercise.sidedness === "together") expect(figure.working, exercise.slug).toBe("both");
      else expect(["near", "far"], exercise.slug).toContain(figure.working);
    }
  });
});

describe("a planted bad pose", () => {
  const bridge = seedFigures["glute-bridge"]!;
  const plant = (change: (pose: FigurePose) => FigurePose): ExerciseFigure => ({
    ...bridge,
    poses: bridge.poses.map((pose, i) => (i === 1 ? change(pose) : pose)),
  });

  it("fails on a hyperextended knee", () => {
    const problems = figureProblems(
      plant((pose) => ({ ...pose, angles: { ...pose.angles, nearKnee: -25 } })),
    );
    expect(problems).toContain('Pose "end": the near knee bends the wrong way.');
  });

  it("fails on a foot through the floor", () => {
    const problems = figureProblems(
      plant((pose) => ({ ...pose, pelvis: { ...pose.pelvis, y: pose.pelvis.y - 30 } })),
    );
    expect(
      problems.some((p) =>
        /^Pose "end": the (near|far) foot goes \d+ (into the mat|below the floor)\.$/.test(p),
      ),
    ).toBe(true);
  });
});
