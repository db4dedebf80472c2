import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RED_FLAG_IDS } from "@/server/domain/red-flags";
import { newKey, submit } from "./outbox";
import { stubPhone } from "./phone-globals.test-helper";
import { postponesUsedOnPhone, rememberPostpone, waitingRedFlagLevel } from "./safety-on-phone";

let phone: ReturnType<typeof stubPhone>;
beforeEach(() => {
  phone = stubPhone({ onLine: false });
});
afterEach(() => vi.unstubAllGlobals());

describe("the postpones this phone remembers", () => {
  it("counts each tap of this week once, and starts again in a new week", () => {
    expect(postponesUsedOnPhone("2026-03-02")).toBe(0);
    rememberPostpone("2026-03-02", "a");
    rememberPostpone("2026-03-02", "b");
    rememberPostpone("2026-03-02", "b");
    expect(postponesUsedOnPhone("2026-03-02")).toBe(2);
    expect(postponesUsedOnPhone("2026-03-09")).toBe(0);
    rememberPostpone("2026-03-09", "c");
    expect(postponesUsedOnPhone("2026-03-09")).toBe(1);
    expect(postponesUsedOnPhone("2026-03-02")).toBe(0);
  });

  it("tells the page when a tap is remembered", () => {
    const heard = vi.fn();
    phone.events.addEventListener("rehabit:safety-postponed", heard);
    rememberPostpone("2026-03-02", "a");
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it("reads damaged storage as no taps", () => {
    phone.store.set("rehabit-safety-postponed", "{not json");
    expect(postponesUsedOnPhone("2026-03-02")).toBe(0);
  });
});

describe("advice for answers still waiting on the phone", () => {
  const answers = (yes: string[]) =>
    RED_FLAG_IDS.map((questionId) => ({ questionId, answer: yes.includes(questionId) }));
  const queue = (yes: string[]) =>
    submit({
      key: newKey(),
      path: "checkIns.safetyCheck",
      input: { answers: answers(yes) },
      label: "Safety check",
    });

  it("has none when nothing waits or every answer is no", async () => {
    expect(waitingRedFlagLevel()).toBeNull();
    await queue([]);
    expect(waitingRedFlagLevel()).toBeNull();
  });

  it("takes the most serious level of everything waiting", async () => {
    await queue(["U4"]);
    expect(waitingRedFlagLevel()).toBe("urgent");
    await queue(["E2"]);
    expect(waitingRedFlagLevel()).toBe("emergency");
  });

  it("ignores other answers waiting", async () => {
    await submit({
      key: newKey(),
      path: "checkIns.morningPain",
      input: { score: 9 },
      label: "Morning",
    });
    expect(waitingRedFlagLevel()).toBeNull();
  });
});
