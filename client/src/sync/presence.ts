import type { Awareness } from 'y-protocols/awareness';
import { shareStructure } from '../store/structuralSharing';
import { colorFor } from './colors';

export interface Member {
  clientId: number;
  name: string;
  color: string;
  /** The placement whose note this member is typing in, if any. */
  editing: string | null;
  self: boolean;
}

interface AwarenessUser {
  name?: unknown;
  color?: unknown;
}

/** Longest name shown from awareness, characters: a hostile client may send anything. */
const MAX_SHOWN_NAME = 40;
/** Only plain hex colours from awareness reach a style attribute. */
const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/**
 * Who is on this board right now, from Yjs awareness: a framework-free store whose snapshot is
 * the sorted member list (self first), structurally shared so it only changes when it changes.
 */
export class PresenceStore {
  private members: Member[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly awareness: Awareness,
    user: { name: string },
  ) {
    awareness.setLocalState({
      user: { name: user.name, color: colorFor(awareness.clientID) },
      editing: null,
    });
    awareness.on('change', this.refresh);
    this.refresh();
  }

  readonly getSnapshot = (): Member[] => this.members;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Tells the group which note this member is typing in (null when leaving it). */
  setEditing(placementId: string | null): void {
    if (this.awareness.getLocalState()?.editing === placementId) return;
    this.awareness.setLocalStateField('editing', placementId);
  }

  private readonly refresh = () => {
    const members: Member[] = [];
    this.awareness.getStates().forEach((state, clientId) => {
      const user = (state.user ?? {}) as AwarenessUser;
      if (typeof user.name !== 'string' || user.name.length === 0) return;
      members.push({
        clientId,
        name: user.name.slice(0, MAX_SHOWN_NAME),
        color:
          typeof user.color === 'string' && HEX_COLOR.test(user.color)
            ? user.color
            : colorFor(clientId),
        editing: typeof state.editing === 'string' ? state.editing : null,
        self: clientId === this.awareness.clientID,
      });
    });
    members.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
    const next = shareStructure(this.members, members);
    if (next === this.members) return;
    this.members = next;
    this.listeners.forEach((listener) => listener());
  };

  destroy(): void {
    this.awareness.off('change', this.refresh);
    this.listeners.clear();
  }
}
