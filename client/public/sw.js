/* global self, caches, fetch, Response, URL */
/**
 * Offline shell of the participant board: a reload with no network still opens the board,
 * which then shows the edits kept in IndexedDB. Navigations: network first, the cached shell
 * when offline. Hashed build assets (/assets/…): cache first (their names change on every
 * build, so a cached copy is never stale). /api and /sync are never touched.
 */
const CACHE = 'isms-shell-v1';
const SHELL = '/index.html';

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))),
      )
      .then(() => self.clients.claim()),
  );
});

/** The page sends the asset URLs it loaded before this worker controlled it. */
self.addEventListener('message', (event) => {
  const urls = event.data && Array.isArray(event.data.precache) ? event.data.precache : [];
  const port = event.ports && event.ports[0];
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([SHELL, ...urls]))
      .then(
        () => port && port.postMessage({ ok: true }),
        (error) => port && port.postMessage({ ok: false, error: String(error) }),
      ),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/sync/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          const copy = response.clone();
          if (response.ok) caches.open(CACHE).then((cache) => cache.put(SHELL, copy));
          return response;
        })
        .catch(() =>
          caches.match(SHELL).then((cached) => cached || new Response('offline', { status: 503 })),
        ),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(
      caches.match(request).then(
        (cached) =>
          cached ||
          fetch(request).then((response) => {
            const copy = response.clone();
            if (response.ok) caches.open(CACHE).then((cache) => cache.put(request, copy));
            return response;
          }),
      ),
    );
  }
});
