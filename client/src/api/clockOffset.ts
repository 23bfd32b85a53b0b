import { useEffect, useState } from 'react';
import { api } from './client';

/**
 * Milliseconds to add to this device's clock to get the server's, so every board counts the
 * shared timer down to the same second even when a laptop's clock is off. One round trip to
 * /api/time, assuming the server read its clock half-way through; 0 until it answered (or while
 * offline, where the request would only fail — the offset is a refinement, not a requirement).
 */
export function useServerClockOffset(): number {
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    if (!navigator.onLine) return;
    let cancelled = false;
    const sent = Date.now();
    api
      .time()
      .then(({ now }) => {
        if (!cancelled) setOffset(now - (sent + Date.now()) / 2);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, []);
  return offset;
}
