/**
 * Replay: a group's versions played back in compressed time, for feedback on the projector.
 * Pure scheduling; the screen decides what to draw at each step.
 */
export interface TimedVersion {
  id: number;
  at: number;
}

/** A 75-minute session played in one minute (the default replay speed). */
export const DEFAULT_REPLAY_SPEED = 75;

/** Shortest pause on one version, ms, so a burst of versions is still visible one by one. */
export const MIN_REPLAY_STEP_MS = 150;

/**
 * How long the replay stays on each version before showing the next one: the real time
 * between them divided by `speed`, at least MIN_REPLAY_STEP_MS (the last one: 0).
 */
export function replayDelays(versions: readonly TimedVersion[], speed: number): number[] {
  const factor = speed > 0 ? speed : DEFAULT_REPLAY_SPEED;
  return versions.map((version, index) => {
    const next = versions[index + 1];
    if (!next) return 0;
    return Math.max(MIN_REPLAY_STEP_MS, (next.at - version.at) / factor);
  });
}

/** The version shown at `at` (the last one taken at or before it; the first if none). */
export function versionAt<T extends TimedVersion>(versions: readonly T[], at: number): T | null {
  let found: T | null = versions[0] ?? null;
  for (const version of versions) {
    if (version.at <= at) found = version;
    else break;
  }
  return found;
}
