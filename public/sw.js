/*
 * Rehabit's service worker for the patient's phone (scope /p). It keeps the patient's own pages
 * (today's plan, "I have new symptoms", progress) and the app's static files in this browser's
 * cache, so the safety questions and the red-flag advice open with no network once the link has
 * been opened. Answers never pass through here: the page's outbox sends them.
 *
 * - Pages (/p, /p/safety, /p/progress): network first, with a short timeout, then the copy kept
 *   from the last visit. They hold one patient's plan, so they live only in this browser's
 *   Cache Storage; nothing here is shared with anyone else.
 * - /_next/static/* used by the patient pages: cache first (their names change with their content).
 * - A link (/p/<token>) goes to the network; with none, to the kept plan.
 * - Everything else, /api/* and every POST included, goes to the network untouched.
 *
 * Plain JavaScript in a same-origin file, with no inline script, so a Content Security Policy
 * can allow it with 'self'.
 */

const PAGES = "rehabit-pages-v1";
const ASSETS = "rehabit-assets-v1";
const KNOWN_CACHES = [PAGES, ASSETS];
/**
 * The pages kept for offline use: every page of the patient's own, so that opening one again is
 * never taken for a new link (which drops the kept pages). /p/<token> always goes to the network.
 */
const OFFLINE_PAGES = [
  "/p",
  "/p/safety",
  "/p/progress",
  "/p/measures",
  "/p/messages",
  "/p/reminders",
];
/** Fetched ahead, so "I have new symptoms" works offline even if it was never opened. */
const PRECACHE_PAGES = ["/p", "/p/safety"];
/** A kept page younger than this is not fetched again ahead of time (it is on every visit). */
const FRESH_MS = 60 * 60 * 1000;
/** The mark of the "link no longer works" page: the patient's kept pages are dropped. */
const FORGET_MARK = 'data-offline="forget"';
/** How long a page may take before the kept copy is shown (the network answer still updates it). */
const PAGE_TIMEOUT_MS = 4000;
/** Keeps the static files from growing without end across releases. */
const MAX_ASSETS = 150;
const STATIC_PATH =
  /\/_next\/static\/[A-Za-z0-9_\-./~%@]+?\.(?:js|css|woff2?|png|svg|jpg|webp|avif|ico)/g;

self.addEventListener("install", (event) => {
  event.waitUntil(
    keepPages(PRECACHE_PAGES)
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => !KNOWN_CACHES.includes(n)).map((n) => caches.delete(n))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "keep-pages") return;
  // A patient page has loaded: keep the other pages and the files this page used up to date,
  // then tell the page (through the port it sent) that it will open offline.
  const assets = Array.isArray(data.assets) ? data.assets.filter(isStaticPath) : [];
  const pages = PRECACHE_PAGES.filter((p) => p !== data.current);
  const reply = event.ports && event.ports[0];
  event.waitUntil(
    Promise.all([keepPages(pages), keepAssets(assets)])
      .catch(() => undefined)
      .then(() => reply && reply.postMessage({ type: "kept" })),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/_next/static/")) {
    // The scope /p also covers the staff's /patients pages; their files are left to the network.
    event.respondWith(
      fromPatientPage(event).then((mine) => (mine ? cacheFirst(request) : fetch(request))),
    );
    return;
  }
  if (!OFFLINE_PAGES.includes(url.pathname)) {
    if (request.mode === "navigate" && url.pathname.startsWith("/p/")) {
      event.respondWith(openLink(request));
    }
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(pageNetworkFirst(event, url.pathname));
  } else if (request.headers.get("RSC") === "1") {
    // An in-app move between pages: when the network hangs, fail it soon so the app falls back
    // to loading the page itself, which the kept copy can answer.
    event.respondWith(withTimeout(fetch(request), PAGE_TIMEOUT_MS).catch(() => Response.error()));
  }
});

async function fromPatientPage(event) {
  const client = event.clientId ? await self.clients.get(event.clientId) : undefined;
  if (!client) return true;
  const path = new URL(client.url).pathname;
  return path === "/p" || path.startsWith("/p/");
}

function isStaticPath(path) {
  return typeof path === "string" && path.startsWith("/_next/static/");
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Only a complete page of our own is worth keeping (not a redirect, not an error page). */
function isKeepable(response, path) {
  return (
    response.ok &&
    response.type === "basic" &&
    !response.redirected &&
    (response.headers.get("content-type") || "").includes("text/html") &&
    new URL(response.url).pathname === path
  );
}

async function storePage(path, response) {
  const text = await response.clone().text();
  if (text.includes(FORGET_MARK)) {
    await caches.delete(PAGES);
    return;
  }
  const cache = await caches.open(PAGES);
  await cache.put(path, response);
  await keepAssets(staticPathsIn(text));
}

async function pageNetworkFirst(event, path) {
  const network = fetch(event.request);
  // A late answer still refreshes the kept copy, even after the kept copy was shown.
  event.waitUntil(
    network
      .then((response) =>
        isKeepable(response, path) ? storePage(path, response.clone()) : undefined,
      )
      .catch(() => undefined),
  );
  try {
    return await withTimeout(network, PAGE_TIMEOUT_MS);
  } catch {
    const kept = await caches.match(path, { cacheName: PAGES });
    return kept || offlinePage();
  }
}

/**
 * Opening a link (/p/<token>) may sign in another patient on this phone, so once the network has
 * answered it the pages kept for the last one are forgotten. With no network the phone is still
 * signed in as before: it goes to the kept plan (by a redirect, so the token leaves the address).
 */
async function openLink(request) {
  try {
    const response = await withTimeout(fetch(request), PAGE_TIMEOUT_MS);
    await caches.delete(PAGES);
    return response;
  } catch {
    const kept = await caches.match("/p", { cacheName: PAGES });
    return kept ? Response.redirect(new URL("/p", self.location.origin).href, 303) : offlinePage();
  }
}

/** Fetches the patient's pages with the link's cookie and keeps them with the files they use. */
async function keepPages(paths) {
  const cache = await caches.open(PAGES);
  await Promise.all(
    paths.map(async (path) => {
      const kept = await cache.match(path);
      const keptAt = kept ? Date.parse(kept.headers.get("date") || "") : NaN;
      if (Date.now() - keptAt < FRESH_MS) return;
      const response = await fetch(path, { credentials: "same-origin", cache: "no-store" });
      if (isKeepable(response, path)) await storePage(path, response);
    }),
  );
}

function staticPathsIn(text) {
  return Array.from(new Set(text.match(STATIC_PATH) || []));
}

async function keepAssets(paths) {
  const cache = await caches.open(ASSETS);
  await Promise.all(
    paths.map(async (path) => {
      if (await cache.match(path)) return;
      const response = await fetch(path);
      if (!response.ok) return;
      await cache.put(path, response.clone());
      // Stylesheets name the fonts they use.
      if (path.endsWith(".css")) await keepAssets(staticPathsIn(await response.text()));
    }),
  );
  const keys = await cache.keys();
  await Promise.all(
    keys.slice(0, Math.max(0, keys.length - MAX_ASSETS)).map((k) => cache.delete(k)),
  );
}

async function cacheFirst(request) {
  const cache = await caches.open(ASSETS);
  const kept = await cache.match(request, { ignoreSearch: true });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

function offlinePage() {
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    "<title>You are offline · Rehabit</title></head><body>" +
    "<h1>You are offline</h1>" +
    "<p>This page has not been saved on this phone yet. Open your link once with a connection and it will work offline after that.</p>" +
    "<p>If you have sudden severe pain, numbness around your groin or buttocks, or problems passing urine, call your emergency number or go to an emergency department now.</p>" +
    "</body></html>";
  return new Response(html, {
    status: 503,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}

/*
 * Reminders (issue 16, decision 032): the server's Web Push messages. The payload only says that
 * there is something to do or read, never what; a tap opens (or focuses) the page it names, which
 * is always one of this site's patient pages.
 */
self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = {};
  }
  const title = typeof message.title === "string" ? message.title : "Your exercise plan";
  const url = typeof message.url === "string" && message.url.startsWith("/p") ? message.url : "/p";
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof message.body === "string" ? message.body : "",
      tag: typeof message.tag === "string" ? message.tag : "rehabit",
      icon: "/icons/icon-192.png",
      badge: "/icons/icon-192.png",
      data: { url },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const path = (event.notification.data && event.notification.data.url) || "/p";
  const target = new URL(path, self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).pathname.startsWith("/p"));
      if (open) return open.navigate(target).then((w) => (w || open).focus());
      return self.clients.openWindow(target);
    }),
  );
});
