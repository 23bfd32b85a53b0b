import {
  type Announcements,
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
import { assetName, controlLabel } from '../labels';
import { reportResult } from '../notices';
import { boardCollision } from './collision';
import { type DragData, type DropData, dropAssetId } from './dragData';
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

function dragData(event: { active: { data: { current?: unknown } } }): DragData | undefined {
  return event.active.data.current as DragData | undefined;
}

/**
 * The board's drag-and-drop: sensors for mouse, touch (press-and-hold) and keyboard,
 * translated screen-reader announcements, and a drop handler that turns a drop into exactly
 * one shared/ command (place, move, reorder or remove).
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
  const { scenario } = runtime;

  const announcements = useMemo((): Announcements => {
    const control = (data: unknown) => controlLabel((data as DragData).controlId, locale);
    const asset = (data: unknown) => {
      const id = dropAssetId(data as DropData | undefined);
      return id ? assetName(scenario, id, locale) : null;
    };
    return {
      onDragStart: ({ active }) => t('dnd.pickedUp', { control: control(active.data.current) }),
      onDragOver: ({ active, over }) => {
        const name = asset(over?.data.current);
        const label = control(active.data.current);
        return name
          ? t('dnd.over', { control: label, asset: name })
          : t('dnd.notOver', { control: label });
      },
      onDragEnd: ({ active, over }) => {
        const name = asset(over?.data.current);
        const label = control(active.data.current);
        return name
          ? t('dnd.dropped', { control: label, asset: name })
          : t('dnd.droppedNowhere', { control: label });
      },
      onDragCancel: ({ active }) => t('dnd.cancelled', { control: control(active.data.current) }),
    };
  }, [scenario, locale, t]);

  function onDragEnd(event: DragEndEvent) {
    setDragging(null);
    keyboardTarget.laneId = null;
    const active = dragData(event);
    const over = event.over?.data.current as DropData | undefined;
    if (!active || !over) return;
    const view = runtime.store.getSnapshot();
    const control = controlLabel(active.controlId, locale);
    if (over.kind === 'palette') {
      if (active.kind === 'card') {
        reportResult(runtime.actions.remove(active.placementId), t, {
          control,
          success: t('dnd.removed', { control }),
        });
      }
      return;
    }
    const lane = view.lanes.find((candidate) => candidate.asset.id === over.assetId);
    if (!lane) return;
    const index = over.kind === 'card' ? lane.placementIds.indexOf(over.placementId) : undefined;
    const asset = assetName(scenario, over.assetId, locale);
    const context = { control, asset, required: lane.required };
    if (active.kind === 'palette') {
      const result = runtime.actions.place(over.assetId, active.controlId, index);
      reportResult(result, t, { ...context, success: t('dnd.placed', context) });
    } else if (active.assetId === over.assetId) {
      if (over.kind === 'card' && over.placementId !== active.placementId && index !== undefined) {
        reportResult(runtime.actions.reorder(active.placementId, index), t, context);
      }
    } else {
      const result = runtime.actions.move(active.placementId, over.assetId, index);
      reportResult(result, t, { ...context, success: t('dnd.moved', context) });
    }
  }

  return (
    <DndContext
      sensors={locked ? NO_SENSORS : sensors}
      collisionDetection={boardCollision}
      accessibility={{
        announcements,
        screenReaderInstructions: { draggable: t('dnd.instructions') },
      }}
      autoScroll={!keyboardDrag}
      onDragStart={(event: DragStartEvent) => {
        keyboardTarget.laneId = null;
        setKeyboardDrag(event.activatorEvent instanceof KeyboardEvent);
        setDragging(dragData(event) ?? null);
      }}
      onDragCancel={() => {
        keyboardTarget.laneId = null;
        setDragging(null);
      }}
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
