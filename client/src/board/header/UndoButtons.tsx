import { useSyncExternalStore } from 'react';
import { Icon } from '../../common/Icon';
import { useT } from '../../i18n';
import { useLocked, useRuntime } from '../context';

/** Undo/redo of this member's own changes (teammates' edits are never undone). */
export function UndoButtons() {
  const { actions } = useRuntime();
  const locked = useLocked();
  const t = useT();
  const state = useSyncExternalStore(actions.subscribeUndo, actions.getUndoState);
  if (locked) return null;
  return (
    <div className="undo">
      <button
        type="button"
        className="button button--ghost"
        disabled={!state.canUndo}
        onClick={() => actions.undo()}
        aria-label={t('board.undo')}
        title={t('board.undo')}
      >
        <Icon name="undo" />
      </button>
      <button
        type="button"
        className="button button--ghost"
        disabled={!state.canRedo}
        onClick={() => actions.redo()}
        aria-label={t('board.redo')}
        title={t('board.redo')}
      >
        <Icon name="redo" />
      </button>
    </div>
  );
}
