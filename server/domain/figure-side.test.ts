import { describe, expect, it } from "vitest";
import { figureSide } from "./figure-side";

describe("figureSide", () => {
  it("keeps the prescribed side of a one-leg or each-leg exercise", () => {
    expect(figureSide("left", "one_leg")).toBe("left");
    expect(figureSide("right", "each_leg")).toBe("right");
    expect(figureSide("both", "each_leg")).toBe("both");
  });

  it("draws a together exercise on both legs, even on an item saved on one", () => {
    expect(figureSide("left", "together")).toBe("both");
    expect(figureSide("both", "together")).toBe("both");
  });
});
