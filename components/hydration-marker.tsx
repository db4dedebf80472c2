"use client";

import { useEffect } from "react";

/**
 * Marks the page as interactive once React has hydrated. End-to-end tests wait for it, so they
 * never type into server-rendered inputs that hydration would then reset.
 */
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "1";
  }, []);
  return null;
}
