import {
  type KeyboardCoordinateGetter,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
} from '@dnd-kit/core';
import type { MouseEvent, TouchEvent } from 'react';
import type { DropData } from './dragData';

/**
 * Drags never start from something the user clicks or types in: a press on a button, a link
 * or the note's textarea keeps its normal meaning (selecting text, opening a menu).
 */
function startsOnInteractive(target: EventTarget | null): boolean {
  return (
    target instanceof Element &&
    target.closest('button, a, input, textarea, select, [contenteditable], [data-no-drag]') !== null
  );
}

export class BoardMouseSensor extends MouseSensor {
  static override activators = [
    {
      eventName: 'onMouseDown' as const,
      handler: ({ nativeEvent }: MouseEvent) =>
        nativeEvent.button === 0 && !startsOnInteractive(nativeEvent.target),
    },
  ];
}

export class BoardTouchSensor extends TouchSensor {
  static override activators = [
    {
      eventName: 'onTouchStart' as const,
      handler: ({ nativeEvent }: TouchEvent) => !startsOnInteractive(nativeEvent.target),
    },
  ];
}

/** Mouse: a 4-px move starts a drag, so a click on a card stays a click. */
export const MOUSE_ACTIVATION = { distance: 4 };
/**
 * Touch: hold 250 ms (moving less than 8 px) to pick a card up; a quicker swipe scrolls the
 * page, so phones can still scroll through the lanes.
 */
export const TOUCH_ACTIVATION = { delay: 250, tolerance: 8 };

const STEP: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };

/**
 * The lane a keyboard drag points at. Geometry cannot decide it reliably (a palette card is
 * as wide as a lane), so the arrow keys choose the lane and collision detection reads it here.
 * Reset at the start and end of every drag.
 */
export const keyboardTarget: { laneId: string | number | null } = { laneId: null };

/**
 * Keyboard dragging jumps lane by lane (arrow keys), in reading order, instead of moving a
 * few pixels per key press: eight presses at most reach any asset.
 */
export const laneKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const step = STEP[event.code];
  if (step === undefined || !context.collisionRect) return undefined;
  event.preventDefault();
  const lanes = context.droppableContainers
    .getEnabled()
    .filter((container) => (container.data.current as DropData | undefined)?.kind === 'lane')
    .flatMap((container) => {
      const rect = context.droppableRects.get(container.id);
      return rect ? [{ id: container.id, rect }] : [];
    })
    .sort((a, b) => a.rect.top - b.rect.top || a.rect.left - b.rect.left);
  if (lanes.length === 0) return undefined;
  const currentIndex = lanes.findIndex((lane) => lane.id === keyboardTarget.laneId);
  const nextIndex =
    currentIndex < 0
      ? step > 0
        ? 0
        : lanes.length - 1
      : Math.min(lanes.length - 1, Math.max(0, currentIndex + step));
  const next = lanes[nextIndex];
  if (!next) return undefined;
  keyboardTarget.laneId = next.id;
  const target = next.rect;
  const collision = context.collisionRect;
  return {
    x: target.left + target.width / 2 - collision.width / 2,
    y: target.top + Math.min(target.height / 2, 60) - collision.height / 2,
  };
};

export { KeyboardSensor };
