import type { HistoryVersionInfo } from '@isms/shared';

/** Versions only the passing of time produced; event versions (lock, restore…) are kept. */
const THINNABLE = new Set<HistoryVersionInfo['reason']>(['periodic', 'unload']);

/**
 * Which versions to drop so at most `max` remain: periodic ones, never the first or the last,
 * each time the one closest in time to the version before it — the timeline keeps its spread
 * (start, end, every event) and only loses resolution where it was densest.
 */
export function versionsToPrune(versions: readonly HistoryVersionInfo[], max: number): number[] {
  const kept = [...versions];
  const dropped: number[] = [];
  while (kept.length > max) {
    let best = -1;
    let bestGap = Number.POSITIVE_INFINITY;
    for (let i = 1; i < kept.length - 1; i++) {
      const version = kept[i]!;
      if (!THINNABLE.has(version.reason)) continue;
      const gap = version.at - kept[i - 1]!.at;
      if (gap < bestGap) {
        bestGap = gap;
        best = i;
      }
    }
    if (best < 0) break;
    dropped.push(kept[best]!.id);
    kept.splice(best, 1);
  }
  return dropped;
}
