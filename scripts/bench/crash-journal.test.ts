import { describe, expect, it } from "vitest";
import { uuidv7 } from "uuidv7";
import { checkInIdOf, Journal, seededRandom, uuidv7Millis, withScore } from "./crash-journal";
import type { LoadRequest } from "./http-load";

function request(key: string, score = 3): LoadRequest {
  return {
    path: "/api/trpc/checkIns.exercisePain",
    body: JSON.stringify({ json: { idempotencyKey: key, score } }),
    headers: { "content-type": "application/json", cookie: "rehabit_patient=abc" },
    tag: key,
  };
}

const ok = (checkInId: string) =>
  JSON.stringify({ result: { data: { json: { checkInId, day: "2026-11-29" } } } });

describe("Journal", () => {
  it("keeps an answer until a 200 names its check-in, then never offers it again", () => {
    const journal = new Journal();
    journal.sent({ patient: 0, score: 3, round: 1, request: request("k1") });
    journal.sent({ patient: 1, score: 10, round: 1, request: request("k2", 10) });

    expect(journal.settle("k1", 0, "")).toBe("unacknowledged");
    expect(journal.settle("k2", 200, ok("c2"))).toBe("acknowledged");
    expect(journal.unacknowledged().map((e) => e.key)).toEqual(["k1"]);

    const again = journal.resent("k1");
    expect(again.attempts).toBe(2);
    expect(again.request.body).toBe(request("k1").body);
    expect(journal.settle("k1", 200, ok("c1"))).toBe("acknowledged");

    expect(journal.unacknowledged()).toEqual([]);
    expect(journal.acknowledged().map((e) => [e.key, e.checkInId, e.failures])).toEqual([
      ["k1", "c1", [0]],
      ["k2", "c2", []],
    ]);
    expect(() => journal.resent("k2")).toThrow(/never re-sent/);
  });

  it("counts a 409 as a conflict that is not sent again", () => {
    const journal = new Journal();
    journal.sent({ patient: 0, score: 3, round: 1, request: request("k1") });
    expect(journal.settle("k1", 409, "{}")).toBe("conflict");
    expect(journal.conflicts().map((e) => e.key)).toEqual(["k1"]);
    expect(journal.unacknowledged()).toEqual([]);
  });

  it("does not take a 200 without a check-in id for an acknowledgement", () => {
    const journal = new Journal();
    journal.sent({ patient: 0, score: 3, round: 1, request: request("k1") });
    expect(journal.settle("k1", 200, "<html>")).toBe("unacknowledged");
    expect(journal.unacknowledged()).toHaveLength(1);
  });

  it("refuses a request without its key, a key twice, and answers it never sent", () => {
    const journal = new Journal();
    expect(() =>
      journal.sent({
        patient: 0,
        score: 1,
        round: 1,
        request: { ...request("x"), tag: undefined },
      }),
    ).toThrow(/key/);
    journal.sent({ patient: 0, score: 1, round: 1, request: request("k1") });
    expect(() => journal.sent({ patient: 0, score: 1, round: 1, request: request("k1") })).toThrow(
      /twice/,
    );
    expect(() => journal.settle("nope", 200, ok("c"))).toThrow(/never journaled/);
  });
});

describe("checkInIdOf", () => {
  it("reads the id from a tRPC superjson answer and nothing else", () => {
    expect(checkInIdOf(ok("abc"))).toBe("abc");
    expect(checkInIdOf(JSON.stringify({ error: { json: { message: "x" } } }))).toBeNull();
    expect(checkInIdOf("not json")).toBeNull();
  });
});

describe("uuidv7Millis", () => {
  it("gives back the moment the id was made", () => {
    const before = Date.now();
    const at = uuidv7Millis(uuidv7());
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
    expect(() => uuidv7Millis("x")).toThrow();
  });
});

describe("withScore", () => {
  it("changes only the score, keeping key, path and headers", () => {
    const changed = withScore(request("k1", 2), 10);
    expect(JSON.parse(changed.body)).toEqual({ json: { idempotencyKey: "k1", score: 10 } });
    expect({ ...changed, body: "" }).toEqual({ ...request("k1"), body: "" });
  });
});

describe("seededRandom", () => {
  it("repeats for a seed, differs between seeds and stays in [0, 1)", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = Array.from({ length: 1000 }, a);
    expect(Array.from({ length: 1000 }, b)).toEqual(first);
    expect(Array.from({ length: 1000 }, c)).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    // Spread, not stuck: each tenth of the range is hit.
    expect(new Set(first.map((x) => Math.floor(x * 10))).size).toBe(10);
  });
});
