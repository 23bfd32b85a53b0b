import * as Y from 'yjs';
import {
  type BoardContext,
  type CommandResult,
  type NoteEdit,
  type Scenario,
  type SoaPatch,
  BoardRoot,
  LocalOrigin,
  editNote,
  isNewerThanSupported,
  linkPlacements,
  movePlacement,
  placeControl,
  removePlacement,
  reorderPlacement,
  setSoaEntry,
  unlinkPlacements,
} from '@isms/shared';

/**
 * Typing within this many ms merges into one undo step (Yjs's default is 500 ms); a word
 * typed in one burst is undone as one.
 */
const UNDO_CAPTURE_MS = 600;

type Listener = () => void;

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
}

/**
 * What a participant can do to the board: each call is one shared/ command (one transaction
 * with a LocalOrigin). The UndoManager tracks LocalOrigin only, so undo/redo never touches what
 * teammates did; edits arriving from the server carry other origins and are not captured.
 */
export class BoardActions {
  readonly undoManager: Y.UndoManager;
  private readonly ctx: BoardContext;
  private undoState: UndoState = { canUndo: false, canRedo: false };
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly doc: Y.Doc,
    scenario: Scenario,
    private readonly memberName: string,
  ) {
    this.ctx = { scenario };
    const tracked = [BoardRoot.placements, BoardRoot.notes, BoardRoot.links, BoardRoot.soa].map(
      (name) => doc.getMap(name),
    );
    this.undoManager = new Y.UndoManager(tracked, {
      trackedOrigins: new Set([LocalOrigin]),
      captureTimeout: UNDO_CAPTURE_MS,
    });
    for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const) {
      this.undoManager.on(event, this.refreshUndo);
    }
  }

  place(assetId: string, controlId: string, index?: number) {
    return placeControl(this.doc, this.ctx, {
      assetId,
      controlId,
      placedBy: this.memberName,
      ...(index === undefined ? {} : { index }),
    });
  }

  move(placementId: string, assetId: string, index?: number): CommandResult {
    return movePlacement(this.doc, this.ctx, {
      placementId,
      assetId,
      ...(index === undefined ? {} : { index }),
    });
  }

  reorder(placementId: string, index: number): CommandResult {
    return reorderPlacement(this.doc, this.ctx, { placementId, index });
  }

  remove(placementId: string): CommandResult {
    return removePlacement(this.doc, this.ctx, { placementId });
  }

  editNote(edit: NoteEdit): CommandResult {
    return editNote(this.doc, this.ctx, edit);
  }

  link(from: string, to: string) {
    return linkPlacements(this.doc, this.ctx, { from, to, createdBy: this.memberName });
  }

  unlink(linkId: string): CommandResult {
    return unlinkPlacements(this.doc, this.ctx, { linkId });
  }

  setSoa(controlId: string, patch: SoaPatch): CommandResult {
    return setSoaEntry(this.doc, this.ctx, { controlId, patch, updatedBy: this.memberName });
  }

  // Undo replays old changes without a command; on a board a newer server migrated, that
  // would write the old layout into it, so it is refused like every command.
  undo(): void {
    if (!isNewerThanSupported(this.doc)) this.undoManager.undo();
  }

  redo(): void {
    if (!isNewerThanSupported(this.doc)) this.undoManager.redo();
  }

  readonly getUndoState = (): UndoState => this.undoState;

  readonly subscribeUndo = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private readonly refreshUndo = () => {
    const next = {
      canUndo: this.undoManager.canUndo(),
      canRedo: this.undoManager.canRedo(),
    };
    if (next.canUndo === this.undoState.canUndo && next.canRedo === this.undoState.canRedo) return;
    this.undoState = next;
    this.listeners.forEach((listener) => listener());
  };

  destroy(): void {
    this.undoManager.destroy();
    this.listeners.clear();
  }
}
