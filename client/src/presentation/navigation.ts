import type { PresentationState } from '@isms/shared';

/** What a key press asks for. Clickers send PageDown/PageUp (some send arrows or space). */
export type PresentationStep = 'next' | 'previous' | 'next-group' | 'previous-group' | 'compare';

export function stepForKey(key: string, shift: boolean): PresentationStep | null {
  switch (key) {
    case 'ArrowRight':
    case 'PageDown':
    case 'Enter':
      return 'next';
    case ' ':
      return shift ? 'previous' : 'next';
    case 'ArrowLeft':
    case 'PageUp':
    case 'Backspace':
      return 'previous';
    case 'ArrowDown':
      return 'next-group';
    case 'ArrowUp':
      return 'previous-group';
    case 'c':
    case 'C':
      return 'compare';
    default:
      return null;
  }
}

/**
 * The next slide. Slides run asset by asset through one group, then on to the next group's
 * first asset, so a clicker alone walks the whole presentation session. Pure: tested below.
 */
export function applyStep(
  state: PresentationState,
  step: PresentationStep,
  groupIds: readonly string[],
  assetCount: number,
): PresentationState {
  const groupIndex = Math.max(0, groupIds.indexOf(state.groupId ?? ''));
  const at = (index: number) => groupIds[(index + groupIds.length) % groupIds.length] ?? null;
  const lastAsset = Math.max(0, assetCount - 1);
  switch (step) {
    case 'next':
      if (state.assetIndex < lastAsset) return { ...state, assetIndex: state.assetIndex + 1 };
      if (groupIndex + 1 >= groupIds.length) return state;
      return { ...state, groupId: at(groupIndex + 1), assetIndex: 0, compareGroupId: null };
    case 'previous':
      if (state.assetIndex > 0) return { ...state, assetIndex: state.assetIndex - 1 };
      if (groupIndex === 0) return state;
      return { ...state, groupId: at(groupIndex - 1), assetIndex: lastAsset, compareGroupId: null };
    case 'next-group':
      return { ...state, groupId: at(groupIndex + 1), compareGroupId: null };
    case 'previous-group':
      return { ...state, groupId: at(groupIndex - 1), compareGroupId: null };
    case 'compare':
      return state.compareGroupId
        ? { ...state, compareGroupId: null }
        : { ...state, compareGroupId: groupIds.length > 1 ? at(groupIndex + 1) : null };
  }
}
