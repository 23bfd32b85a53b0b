import { type CollisionDetection, pointerWithin } from '@dnd-kit/core';
import type { DropData } from './dragData';
import { keyboardTarget } from './sensors';

const RANK: Record<DropData['kind'], number> = { card: 0, lane: 1, palette: 2 };

/**
 * Pointer: whatever is under the pointer, a card before its lane (to reorder) before the
 * palette (to remove). Keyboard (no pointer): the lane the arrow keys chose.
 */
export const boardCollision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  if (hits.length > 0) {
    const kind = (id: string | number) =>
      (
        args.droppableContainers.find((container) => container.id === id)?.data.current as
          DropData | undefined
      )?.kind ?? 'palette';
    return [...hits].sort((a, b) => RANK[kind(a.id)] - RANK[kind(b.id)]);
  }
  if (args.pointerCoordinates) return [];
  const lane = args.droppableContainers.find((container) => container.id === keyboardTarget.laneId);
  return lane ? [{ id: lane.id, data: { droppableContainer: lane, value: 0 } }] : [];
};
