import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { liveProvider } from '../sync/liveProvider';
import {
  type BoardState,
  type PresentationState,
  SYNC_PATH,
  boardDocName,
  readBoard,
  readWorkshopDoc,
  workshopDocName,
} from '@isms/shared';
import { FrameScheduler } from '../instructor/live/frameScheduler';

export interface ViewerSnapshot {
  presentation: PresentationState;
  /** Boards of the presented groups (one, or two side by side), once synced. */
  boards: Readonly<Record<string, BoardState>>;
}

interface BoardLink {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

/**
 * The projector's read-only connection: the workshop doc, and only the boards the instructor
 * is presenting (a viewer may not list the workshop's groups; it follows the presentation).
 */
export class ViewerConnection {
  private readonly workshopDoc = new Y.Doc();
  private readonly workshopProvider: WebsocketProvider;
  private readonly boards = new Map<string, BoardLink>();
  private readonly listeners = new Set<() => void>();
  private readonly scheduler = new FrameScheduler(() => this.recompute());
  private snapshot: ViewerSnapshot;

  constructor(
    private readonly workshopId: string,
    private readonly token: string,
    private readonly origin: string,
  ) {
    this.workshopProvider = this.connect(workshopDocName(workshopId), this.workshopDoc);
    this.workshopDoc.on('update', () => this.scheduler.request());
    this.snapshot = { presentation: this.presentation(), boards: {} };
  }

  private connect(room: string, doc: Y.Doc): WebsocketProvider {
    const provider = liveProvider({
      serverUrl: `${this.origin}${SYNC_PATH}`,
      docName: room,
      doc,
      token: this.token,
    });
    provider.awareness.setLocalState({ user: { name: 'viewer', role: 'viewer', color: '#888' } });
    return provider;
  }

  private presentation(): PresentationState {
    return readWorkshopDoc(this.workshopDoc, []).presentation;
  }

  /** Opens the boards now presented and closes the ones no longer shown. */
  private follow(presentation: PresentationState): void {
    const wanted = new Set(
      [presentation.groupId, presentation.compareGroupId].filter((id): id is string => !!id),
    );
    for (const [groupId, link] of this.boards) {
      if (wanted.has(groupId)) continue;
      link.provider.destroy();
      link.doc.destroy();
      this.boards.delete(groupId);
    }
    for (const groupId of wanted) {
      if (this.boards.has(groupId)) continue;
      const doc = new Y.Doc();
      const provider = this.connect(boardDocName(this.workshopId, groupId), doc);
      doc.on('update', () => this.scheduler.request());
      this.boards.set(groupId, { doc, provider });
    }
  }

  private recompute(): void {
    const presentation = this.presentation();
    this.follow(presentation);
    const boards: Record<string, BoardState> = {};
    for (const [groupId, link] of this.boards) {
      if (link.provider.synced) boards[groupId] = readBoard(link.doc);
    }
    this.snapshot = { presentation, boards };
    this.listeners.forEach((listener) => listener());
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): ViewerSnapshot => this.snapshot;

  destroy(): void {
    this.scheduler.destroy();
    this.listeners.clear();
    for (const link of this.boards.values()) {
      link.provider.destroy();
      link.doc.destroy();
    }
    this.boards.clear();
    this.workshopProvider.destroy();
    this.workshopDoc.destroy();
  }
}
