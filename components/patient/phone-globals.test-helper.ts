import { vi } from "vitest";

/**
 * The little of a browser the phone's modules use (window events, local storage, navigator),
 * so they can be tested in Node. Call in `beforeEach`; `vi.unstubAllGlobals()` removes it.
 */
export function stubPhone(options: { onLine?: boolean } = {}) {
  const store = new Map<string, string>();
  const events = new EventTarget();
  vi.stubGlobal("window", events);
  vi.stubGlobal("localStorage", {
    getItem: (key: string) => store.get(key) ?? null,
    setItem: (key: string, value: string) => void store.set(key, String(value)),
    removeItem: (key: string) => void store.delete(key),
  });
  vi.stubGlobal("navigator", { onLine: options.onLine ?? true });
  return { store, events };
}
