import type { ExerciseFigure } from "@/lib/figure/types";

/** Each shared exercise's figure, by slug (issue 14); the figure model's author fills this in. */
export const seedFigures: Partial<Record<string, ExerciseFigure>> = {};
