import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  currentHold,
  flushOutbox,
  heldSentence,
  newKey,
  readOutbox,
  SEND_TIMEOUT_MS,
  submit,
} from "./outbox";
import { stubPhone } from "./phone-globals.test-helper";

beforeEach(() => {
  stubPhone();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const ok = (json: unknown) =>
  new Response(JSON.stringify({ result: { data: { json } } }), {
    status: 200,
    headers: { "content-type": "application/json" },
  });

/** A network that takes the request and never answers, until the request is aborted. */
function hangingFetch() {
  const signals: AbortSignal[] = [];
  const fetch = vi.fn((_url: string, init: RequestInit) => {
    signals.push(init.signal!);
    return new Promise<Response>((_resolve, reject) => {
      init.signal!.addEventListener("abort", () =>
        reject(new DOMException("aborted", "AbortError")),
      );
    });
  });
  return { fetch, signals };
}

describe("the outbox when the network hangs", () => {
  it("gives up after the timeout and keeps the answer waiting on the phone", async () => {
    vi.useFakeTimers();
    const network = hangingFetch();
    vi.stubGlobal("fetch", network.fetch);
    const key = newKey();
    const result = submit({
      key,
      path: "checkIns.safetyCheck",
      input: { answers: [] },
      label: "Safety check: 1 answered yes",
    });
    // While it is being sent it is not listed as waiting.
    expect(readOutbox()).toEqual([]);
    await vi.advanceTimersByTimeAsync(SEND_TIMEOUT_MS - 1);
    expect(network.signals[0]!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toEqual({ status: "queued" });
    expect(network.signals[0]!.aborted).toBe(true);
    expect(readOutbox().map((e) => e.key)).toEqual([key]);
  });

  it("gives up on a reply whose body never arrives", async () => {
    vi.useFakeTimers();
    vi.stubGlobal(
      "fetch",
      vi.fn((_url: string, init: RequestInit) =>
        Promise.resolve({
          ok: true,
          status: 200,
          json: () =>
            new Promise((_resolve, reject) =>
              init.signal!.addEventListener("abort", () => reject(new Error("aborted"))),
            ),
        } as unknown as Response),
      ),
    );
    const result = submit({
      key: newKey(),
      path: "checkIns.postponeSafetyCheck",
      input: {},
      label: "Safety check: answer later",
    });
    await vi.advanceTimersByTimeAsync(SEND_TIMEOUT_MS);
    await expect(result).resolves.toEqual({ status: "queued" });
    expect(readOutbox()).toHaveLength(1);
  });
});

describe("sending what waits", () => {
  it("sends each waiting answer once, under its own key, and then nothing more", async () => {
    vi.stubGlobal("navigator", { onLine: false });
    const first = newKey();
    const second = newKey();
    await submit({ key: first, path: "checkIns.morningPain", input: { score: 3 }, label: "a" });
    await submit({
      key: second,
      path: "checkIns.postponeSafetyCheck",
      input: { tappedAt: "2026-03-04T09:00:00.000Z" },
      label: "b",
    });
    expect(readOutbox()).toHaveLength(2);

    vi.stubGlobal("navigator", { onLine: true });
    const fetch = vi.fn(() => Promise.resolve(ok({ done: true })));
    vi.stubGlobal("fetch", fetch);
    expect(await flushOutbox()).toEqual({ sent: 2, refused: [] });
    expect(await flushOutbox()).toEqual({ sent: 0, refused: [] });
    expect(fetch).toHaveBeenCalledTimes(2);
    const calls = fetch.mock.calls as unknown as [string, RequestInit][];
    expect(calls.map(([url]) => url)).toEqual([
      "/api/trpc/checkIns.morningPain",
      "/api/trpc/checkIns.postponeSafetyCheck",
    ]);
    expect(JSON.parse(calls[1]![1].body as string)).toEqual({
      json: { tappedAt: "2026-03-04T09:00:00.000Z", idempotencyKey: second },
    });
    expect(readOutbox()).toEqual([]);
  });

  it("stops at the first answer that must wait, and drops a refused one with its message", async () => {
    vi.stubGlobal("navigator", { onLine: false });
    await submit({ key: newKey(), path: "checkIns.postponeSafetyCheck", input: {}, label: "x" });
    await submit({ key: newKey(), path: "checkIns.morningPain", input: { score: 1 }, label: "y" });
    vi.stubGlobal(
      "fetch",
      vi
        .fn()
        .mockResolvedValueOnce(
          new Response(JSON.stringify({ error: { json: { message: "Please answer it now." } } }), {
            status: 409,
          }),
        )
        .mockResolvedValueOnce(new Response("", { status: 503 })),
    );
    expect(await flushOutbox()).toEqual({ sent: 0, refused: ["x: Please answer it now."] });
    expect(readOutbox().map((e) => e.label)).toEqual(["y"]);
  });
});

describe("when the server refuses the request as cross-site (403, decision 020)", () => {
  it("keeps the answer on the phone: the server's address is wrong, not the answer", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn().mockResolvedValueOnce(new Response("Cross-site request refused.", { status: 403 })),
    );
    const key = newKey();
    const result = await submit({
      key,
      path: "checkIns.morningPain",
      input: { score: 2 },
      label: "a",
    });
    expect(result).toEqual({ status: "queued" });
    expect(readOutbox().map((e) => e.key)).toEqual([key]);
  });
});

describe("when the server asks the phone to wait (429, decision 016)", () => {
  const tooMany = (retryAfter?: string) =>
    new Response(
      JSON.stringify({
        error: { json: { message: "You have sent a lot of answers in a short time." } },
      }),
      { status: 429, headers: retryAfter ? { "Retry-After": retryAfter } : {} },
    );
  const start = new Date("2026-03-10T12:00:00Z");

  it("keeps the answer, says kindly when it goes, and sends it once the wait is over", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(start);
    vi.stubGlobal("fetch", vi.fn().mockResolvedValueOnce(tooMany("1800")));
    const key = newKey();
    const result = await submit({ key, path: "checkIns.morningPain", input: {}, label: "a" });

    expect(result).toEqual({
      status: "queued",
      hold: {
        message: "You have sent a lot of answers in a short time.",
        until: start.getTime() + 1_800_000,
      },
    });
    expect(readOutbox().map((e) => e.key)).toEqual([key]);
    expect(currentHold()).toEqual(result.status === "queued" ? result.hold : null);
    expect(heldSentence(currentHold()!)).toBe(
      "You have sent a lot of answers, so this phone keeps them for now and sends them by itself in 30 minutes. You do not need to answer again.",
    );

    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.resolve(ok({ done: true }))),
    );
    expect(await flushOutbox()).toEqual({ sent: 1, refused: [] });
    expect(readOutbox()).toEqual([]);
    expect(currentHold()).toBeNull();
  });

  it("waits a minute when the server names no time, and believes at most a day and an hour", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(start);
    vi.stubGlobal(
      "fetch",
      vi.fn().mockResolvedValueOnce(tooMany()).mockResolvedValueOnce(tooMany("9999999")),
    );
    await submit({ key: newKey(), path: "checkIns.exercisePain", input: {}, label: "a" });
    expect(currentHold()!.until).toBe(start.getTime() + 60_000);
    expect(heldSentence(currentHold()!)).toContain("by itself in a minute.");
    await submit({ key: newKey(), path: "checkIns.exercisePain", input: {}, label: "b" });
    expect(currentHold()!.until).toBe(start.getTime() + 25 * 3_600_000);
    expect(heldSentence(currentHold()!)).toContain("by itself in about 25 hours.");

    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.resolve(ok({ done: true }))),
    );
    expect(await flushOutbox()).toEqual({ sent: 2, refused: [] });
    expect(currentHold()).toBeNull();
  });

  it("still sends waiting safety checks while the other answers are held back", async () => {
    vi.stubGlobal("navigator", { onLine: false });
    await submit({ key: newKey(), path: "checkIns.morningPain", input: {}, label: "morning" });
    await submit({ key: newKey(), path: "checkIns.exercisePain", input: {}, label: "pain" });
    await submit({ key: newKey(), path: "checkIns.safetyCheck", input: {}, label: "safety" });
    vi.stubGlobal("navigator", { onLine: true });
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(tooMany("60"))
      .mockResolvedValueOnce(ok({ level: "emergency" }));
    vi.stubGlobal("fetch", fetch);

    expect(await flushOutbox()).toEqual({ sent: 1, refused: [] });
    const urls = (fetch.mock.calls as unknown as [string][]).map(([url]) => url);
    expect(urls).toEqual(["/api/trpc/checkIns.morningPain", "/api/trpc/checkIns.safetyCheck"]);
    expect(readOutbox().map((e) => e.label)).toEqual(["morning", "pain"]);
    // A safety check taken says nothing about the others: they are still held.
    expect(currentHold()).not.toBeNull();

    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.resolve(ok({ done: true }))),
    );
    expect(await flushOutbox()).toEqual({ sent: 2, refused: [] });
    expect(currentHold()).toBeNull();
  });
});
