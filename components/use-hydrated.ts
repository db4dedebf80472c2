"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

/** False while the page is server-rendered HTML, true once React runs it. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
