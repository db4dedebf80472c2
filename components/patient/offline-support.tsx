"use client";

import { useEffect } from "react";

/**
 * Installs the patient pages' service worker (public/sw.js, scope /p) and asks it to keep today's
 * plan, "I have new symptoms" and the files this page used, so they open with no network next
 * time. When the worker has them, `data-offline-ready` is set on <html> (tests wait for it).
 */
export function OfflineSupport() {
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    // A page that came through the worker is already kept; one loaded before it is not.
    const cameThroughWorker = navigator.serviceWorker.controller !== null;
    let cancelled = false;
    navigator.serviceWorker
      .register("/sw.js", { scope: "/p" })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        const worker = registration.active;
        if (!worker || cancelled) return;
        const assets = performance
          .getEntriesByType("resource")
          .map((entry) => new URL(entry.name, location.href))
          .filter((url) => url.origin === location.origin)
          .map((url) => url.pathname)
          .filter((path) => path.startsWith("/_next/static/"));
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          document.documentElement.dataset.offlineReady = "1";
        };
        worker.postMessage(
          {
            type: "keep-pages",
            current: cameThroughWorker ? location.pathname : null,
            assets,
          },
          [channel.port2],
        );
      })
      .catch(() => {
        // No offline copy (private mode, an old browser): the pages still work online.
      });
    return () => {
      cancelled = true;
    };
  }, []);
  return null;
}
