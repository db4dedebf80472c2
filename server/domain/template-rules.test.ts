import { describe, expect, it } from "vitest";
import { copyTemplateName, TEMPLATE_LIMITS } from "./template-rules";

describe("copyTemplateName", () => {
  it("adds (copy) to the name", () => {
    expect(copyTemplateName("Runner's knee")).toBe("Runner's knee (copy)");
  });

  it("shortens a long name so that the copy still fits the limit", () => {
    const long = "a".repeat(TEMPLATE_LIMITS.name);
    const copy = copyTemplateName(long);
    expect(copy).toHaveLength(TEMPLATE_LIMITS.name);
    expect(copy.endsWith(" (copy)")).toBe(true);
  });

  it("does not leave a space before the suffix when it cuts at one", () => {
    const name = `${"a".repeat(112)} bcdefgh`;
    expect(copyTemplateName(name)).toBe(`${"a".repeat(112)} (copy)`);
  });
});
