import { editNote, placeControl, scenarioControlIds, SEMINAR4_SCENARIO } from '@isms/shared';
import type { TestClient } from '../server/harness';
import { assetIds, ctx } from './cluster';

const controlIds = scenarioControlIds(SEMINAR4_SCENARIO);
/** One keystroke per client every 25 ms: a brisk typist, 40 updates/s per client. */
const KEYSTROKE_MS = 25;

/**
 * Members typing into their own card's note until stopped — edits keep happening while the
 * test breaks things. Each client edits its local doc whether or not it is connected (as a
 * browser would); the provider sends what it has when it (re)connects.
 */
export function startTyping(clients: TestClient[]): { stop(): void; keystrokes(): number } {
  let keystrokes = 0;
  const placements = clients.map((client, index) => {
    const placed = placeControl(client.doc, ctx, {
      assetId: assetIds[index % assetIds.length]!,
      controlId: controlIds[index % controlIds.length]!,
      placedBy: `member-${index}`,
    });
    if (!placed.ok) throw new Error(`place failed: ${placed.message}`);
    return placed.value.placementId;
  });
  const timer = setInterval(() => {
    clients.forEach((client, index) => {
      editNote(client.doc, ctx, {
        placementId: placements[index]!,
        index: 0,
        deleteCount: 0,
        insert: String(keystrokes % 10),
      });
    });
    keystrokes += 1;
  }, KEYSTROKE_MS);
  return { stop: () => clearInterval(timer), keystrokes: () => keystrokes };
}
