import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushOutbox, newKey, readOutbox, SEND_TIMEOUT_MS, submit } from "./outbox";
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
