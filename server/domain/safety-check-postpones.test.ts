import { describe, expect, it } from "vitest";
import {
  firstStep,
  postponesLeftAfter,
  postponesLeftOnPhone,
  SAFETY_CHECK_POSTPONES,
} from "./safety-check-postpones";

describe("how many times the weekly check may still be put off", () => {
  it("allows two postpones a week", () => {
    expect(SAFETY_CHECK_POSTPONES).toBe(2);
    expect([0, 1, 2, 3].map(postponesLeftAfter)).toEqual([2, 1, 0, 0]);
  });

  it("never counts below none or above the limit", () => {
    expect(postponesLeftAfter(-1)).toBe(2);
    expect(postponesLeftAfter(10)).toBe(0);
  });

  it("trusts the larger count of the server's and the phone's", () => {
    // Both know of the same one postpone.
    expect(postponesLeftOnPhone({ fromServer: 1, usedOnPhone: 1 })).toBe(1);
    // Offline: the phone's postpone has not reached the server yet.
    expect(postponesLeftOnPhone({ fromServer: 2, usedOnPhone: 1 })).toBe(1);
    expect(postponesLeftOnPhone({ fromServer: 2, usedOnPhone: 2 })).toBe(0);
    // Put off once on another phone (or before the storage was cleared).
    expect(postponesLeftOnPhone({ fromServer: 1, usedOnPhone: 0 })).toBe(1);
    expect(postponesLeftOnPhone({ fromServer: 0, usedOnPhone: 0 })).toBe(0);
  });
});

describe("what a visit shows first", () => {
  it("asks the morning question, then the weekly check, then shows the plan", () => {
    expect(firstStep({ morning: "ask", safety: "ask", postponesLeft: 2 })).toBe("morning");
    expect(firstStep({ morning: "done", safety: "ask", postponesLeft: 1 })).toBe("safety");
    expect(firstStep({ morning: "later", safety: "later", postponesLeft: 1 })).toBe("plan");
    expect(firstStep({ morning: "done", safety: "done", postponesLeft: 0 })).toBe("plan");
  });

  it("puts the check first once it can no longer be put off", () => {
    expect(firstStep({ morning: "ask", safety: "ask", postponesLeft: 0 })).toBe("safety");
  });

  it("worked example 17: postponed twice, the third visit of the week shows the check first with no Answer later", () => {
    let usedOnPhone = 0;
    const visit = () => {
      const left = postponesLeftOnPhone({ fromServer: 2 - usedOnPhone, usedOnPhone });
      return { step: firstStep({ morning: "ask", safety: "ask", postponesLeft: left }), left };
    };
    // Visits one and two: the morning question first, and the check offers "Answer later".
    for (let i = 0; i < 2; i++) {
      const { step, left } = visit();
      expect(step).toBe("morning");
      expect(left).toBeGreaterThan(0);
      usedOnPhone++;
    }
    const third = visit();
    expect(third).toEqual({ step: "safety", left: 0 });
  });
});
