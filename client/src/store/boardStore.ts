import type * as Y from 'yjs';
import { type Scenario, readBoard } from '@isms/shared';
import { type BoardView, boardView } from './boardView';
import { shareStructure } from './structuralSharing';

type Listener = () => void;

/**
 * A framework-free store over one board's Y.Doc (style principle 8): getSnapshot() returns
 * plain data, rebuilt after every change and structurally shared with the previous snapshot,
 * so anything that did not change keeps its identity and its subscribers do not re-render.
 */
export class BoardStore {
  private snapshot: BoardView;
  private readonly listeners = new Set<Listener>();

  constructor(
    readonly doc: Y.Doc,
    readonly scenario: Scenario,
  ) {
    this.snapshot = boardView(readBoard(doc), scenario);
    doc.on('update', this.refresh);
  }

  readonly getSnapshot = (): BoardView => this.snapshot;

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private readonly refresh = () => {
    const next = shareStructure(this.snapshot, boardView(readBoard(this.doc), this.scenario));
    if (next === this.snapshot) return;
    this.snapshot = next;
    this.listeners.forEach((listener) => listener());
  };

  destroy(): void {
    this.doc.off('update', this.refresh);
    this.listeners.clear();
  }
}
