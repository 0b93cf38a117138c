// The field app's service worker (scope /field): keeps the app shell so /field opens without a
// signal. Data and the outbox live in IndexedDB (lib/field/offline-queue.ts); writes never pass
// through here. Bump VERSION when this file's rules change.
const VERSION = "v2";
/** How long a navigation waits for the network before the kept page is shown (a weak signal). */
const PAGE_TIMEOUT_MS = 5000;
const CACHE = `grid-atlas-field-${VERSION}`;
const PAGE = "/field";
const STATIC = ["/field.webmanifest", "/field-icon-192.png", "/field-icon-512.png", "/maplibre-gl-worker.mjs"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(STATIC))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

// The page lists what it loaded (the page itself, Next's chunks and styles) once this worker is
// ready, since the first visit's requests happened before it existed.
self.addEventListener("message", (event) => {
  if (event.data?.type !== "keep") return;
  const urls = (event.data.urls || []).filter((u) => typeof u === "string");
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        urls.map(async (url) => {
          const path = new URL(url, self.location.origin).pathname;
          if (path === PAGE) return keepPage(cache);
          if (!(await cache.match(url))) await cache.add(url).catch(() => {});
        }),
      ),
    ),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && url.pathname === PAGE) {
    event.respondWith(pageNetworkFirst(request));
  } else if (url.pathname.startsWith("/_next/static/")) {
    event.respondWith(cacheFirst(request));
  } else if (STATIC.includes(url.pathname)) {
    // Not content-hashed (MapLibre's worker changes with an upgrade): the network's when there is one.
    event.respondWith(networkFirst(request));
  }
});

/** The page from the network when it answers in time (and kept), else the kept copy. */
async function pageNetworkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request, { signal: AbortSignal.timeout(PAGE_TIMEOUT_MS) });
    // A redirect (signed out) is shown, never kept as the app.
    if (response.ok && !response.redirected) await cache.put(PAGE, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(PAGE);
    if (kept) return kept;
    throw error;
  }
}

async function keepPage(cache) {
  try {
    const response = await fetch(PAGE, { credentials: "same-origin" });
    if (response.ok && !response.redirected) await cache.put(PAGE, response);
  } catch {
    // Offline: the copy kept earlier stays.
  }
}

/** The network's copy (kept), else the kept one. */
async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(request);
    if (kept) return kept;
    throw error;
  }
}

/** Hashed, immutable assets: the kept copy when there is one, else the network (and keep it). */
async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}
