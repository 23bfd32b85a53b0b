/**
 * Registers the offline shell (public/sw.js) in production builds and hands it the assets this
 * page already loaded, so a reload without network still opens the board. When the shell is
 * cached, <html data-offline-ready="true"> says so (the browser tests wait for it).
 */
export function registerOfflineShell(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('/sw.js')
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => precache(registration.active))
      .catch(() => {
        // No offline shell (private mode, unsupported): the board still works online.
      });
  });
}

/** Asks the worker to cache every same-origin build asset loaded so far. */
export function precache(worker: ServiceWorker | null | undefined): void {
  if (!worker) return;
  const urls = performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name))
    .filter((url) => url.origin === location.origin && url.pathname.startsWith('/assets/'))
    .map((url) => url.pathname);
  const channel = new MessageChannel();
  channel.port1.onmessage = (event: MessageEvent<{ ok: boolean }>) => {
    if (event.data.ok) document.documentElement.dataset.offlineReady = 'true';
  };
  worker.postMessage({ precache: [...new Set(urls)] }, [channel.port2]);
}
