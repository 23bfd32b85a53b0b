import {
  type DragEndEvent,
  type DragStartEvent,
  DndContext,
  DragOverlay,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { type ReactNode, useMemo, useState } from 'react';
import { useLocale, useT } from '../../i18n';
import { useLocked, useRuntime } from '../context';
import { controlLabel } from '../labels';
import { boardAnnouncements } from './announcements';
import { applyDrop } from './applyDrop';
import { boardCollision } from './collision';
import type { DragData, DropData } from './dragData';
import {
  BoardMouseSensor,
  BoardTouchSensor,
  KeyboardSensor,
  MOUSE_ACTIVATION,
  TOUCH_ACTIVATION,
  keyboardTarget,
  laneKeyboardCoordinates,
} from './sensors';

/** A locked board accepts no drags at all. */
const NO_SENSORS: never[] = [];

/**
 * The board's drag-and-drop: sensors for mouse, touch (press-and-hold) and keyboard,
 * translated screen-reader announcements, and a drop handler that runs one command.
 */
export function BoardDnd({ children }: { children: ReactNode }) {
  const runtime = useRuntime();
  const locked = useLocked();
  const t = useT();
  const locale = useLocale();
  const [dragging, setDragging] = useState<DragData | null>(null);
  // Keyboard drags jump lane to lane; dnd-kit's auto-scroll would instead scroll the palette
  // (the card's scroll container) on every arrow key, so it is off for them.
  const [keyboardDrag, setKeyboardDrag] = useState(false);
  const mouse = useSensor(BoardMouseSensor, { activationConstraint: MOUSE_ACTIVATION });
  const touch = useSensor(BoardTouchSensor, { activationConstraint: TOUCH_ACTIVATION });
  const keyboard = useSensor(KeyboardSensor, { coordinateGetter: laneKeyboardCoordinates });
  const sensors = useSensors(mouse, touch, keyboard);
  const announcements = useMemo(
    () => boardAnnouncements(runtime.scenario, t, locale),
    [runtime.scenario, t, locale],
  );

  const finish = () => {
    keyboardTarget.laneId = null;
    setDragging(null);
  };
  const onDragStart = (event: DragStartEvent) => {
    keyboardTarget.laneId = null;
    setKeyboardDrag(event.activatorEvent instanceof KeyboardEvent);
    setDragging((event.active.data.current as DragData | undefined) ?? null);
  };
  const onDragEnd = (event: DragEndEvent) => {
    finish();
    const active = event.active.data.current as DragData | undefined;
    const over = event.over?.data.current as DropData | undefined;
    if (active && over) applyDrop(runtime, active, over, t, locale);
  };

  return (
    <DndContext
      sensors={locked ? NO_SENSORS : sensors}
      collisionDetection={boardCollision}
      accessibility={{
        announcements,
        screenReaderInstructions: { draggable: t('dnd.instructions') },
      }}
      autoScroll={!keyboardDrag}
      onDragStart={onDragStart}
      onDragCancel={finish}
      onDragEnd={onDragEnd}
    >
      {children}
      <DragOverlay dropAnimation={null}>
        {dragging ? (
          <div className="drag-preview">{controlLabel(dragging.controlId, locale)}</div>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}
