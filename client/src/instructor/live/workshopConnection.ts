import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { liveProvider } from '../../sync/liveProvider';
import {
  type BoardProgress,
  type BoardState,
  type Scenario,
  type WorkshopDocState,
  SYNC_PATH,
  boardDocName,
  boardProgress,
  readBoard,
  readWorkshopDoc,
  workshopDocName,
} from '@isms/shared';
import { FrameScheduler } from './frameScheduler';
import { type InstructorPresence, onlineMembers } from './presence';

export interface GroupSnapshot {
  groupId: string;
  groupName: string;
  board: BoardState;
  progress: BoardProgress;
  online: string[];
  connected: boolean;
  synced: boolean;
}

export interface WorkshopSnapshot {
  groups: readonly GroupSnapshot[];
  workshop: WorkshopDocState;
  /** performance.now() of the frame that produced this snapshot (render-time measurement). */
  frameStart: number;
}

export interface ConnectionOptions {
  workshopId: string;
  groups: readonly { id: string; name: string }[];
  scenario: Scenario;
  token: string;
  /** ws(s)://host (SYNC_PATH is appended). */
  origin: string;
  presence: InstructorPresence;
  /** Node tests pass the `ws` WebSocket; browsers use their own. */
  WebSocketPolyfill?: typeof WebSocket;
}

interface GroupLink {
  groupId: string;
  groupName: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  boardDirty: boolean;
  presenceDirty: boolean;
  snapshot: GroupSnapshot;
}

/**
 * The instructor's live view of a workshop: one Y.Doc and WebsocketProvider per group board
 * plus the workshop doc, behind a framework-free store (subscribe/getSnapshot). Each group's
 * snapshot is recomputed at most once per frame and only when that group changed, so React
 * components memoised on it skip the other seven groups.
 */
export class WorkshopConnection {
  readonly workshopDoc = new Y.Doc();
  private readonly workshopProvider: WebsocketProvider;
  private readonly links: GroupLink[];
  private readonly listeners = new Set<() => void>();
  private readonly scheduler = new FrameScheduler((start) => this.recompute(start));
  private workshopDirty = false;
  private snapshot: WorkshopSnapshot;

  constructor(private readonly options: ConnectionOptions) {
    this.links = options.groups.map((group) => this.connectGroup(group));
    this.workshopProvider = this.provider(workshopDocName(options.workshopId), this.workshopDoc);
    const markWorkshop = () => this.mark(() => (this.workshopDirty = true));
    this.workshopDoc.on('update', markWorkshop);
    this.snapshot = {
      groups: this.links.map((link) => link.snapshot),
      workshop: readWorkshopDoc(this.workshopDoc, options.scenario.schedule),
      frameStart: 0,
    };
  }

  private provider(room: string, doc: Y.Doc): WebsocketProvider {
    const provider = liveProvider({
      serverUrl: `${this.options.origin}${SYNC_PATH}`,
      docName: room,
      doc,
      token: this.options.token,
      ...(this.options.WebSocketPolyfill
        ? { WebSocketPolyfill: this.options.WebSocketPolyfill }
        : {}),
    });
    provider.awareness.setLocalState({ ...this.options.presence });
    return provider;
  }

  private connectGroup(group: { id: string; name: string }): GroupLink {
    const doc = new Y.Doc();
    const provider = this.provider(boardDocName(this.options.workshopId, group.id), doc);
    const link: GroupLink = {
      groupId: group.id,
      groupName: group.name,
      doc,
      provider,
      boardDirty: false,
      presenceDirty: false,
      snapshot: this.groupSnapshot(group.id, group.name, doc, provider),
    };
    doc.on('update', () => this.mark(() => (link.boardDirty = true)));
    const presence = () => this.mark(() => (link.presenceDirty = true));
    provider.awareness.on('change', presence);
    provider.on('status', presence);
    provider.on('sync', presence);
    return link;
  }

  private groupSnapshot(
    groupId: string,
    groupName: string,
    doc: Y.Doc,
    provider: WebsocketProvider,
  ): GroupSnapshot {
    const board = readBoard(doc);
    return {
      groupId,
      groupName,
      board,
      progress: boardProgress(board, this.options.scenario),
      online: onlineMembers(provider.awareness),
      connected: provider.wsconnected,
      synced: provider.synced,
    };
  }

  private presenceOf(link: GroupLink): Pick<GroupSnapshot, 'online' | 'connected' | 'synced'> {
    return {
      online: onlineMembers(link.provider.awareness),
      connected: link.provider.wsconnected,
      synced: link.provider.synced,
    };
  }

  private mark(flag: () => void): void {
    flag();
    this.scheduler.request();
  }

  private recompute(frameStart: number): void {
    let changed = false;
    for (const link of this.links) {
      if (link.boardDirty) {
        link.snapshot = this.groupSnapshot(link.groupId, link.groupName, link.doc, link.provider);
      } else if (link.presenceDirty) {
        const presence = this.presenceOf(link);
        link.presenceDirty = false;
        if (samePresence(presence, link.snapshot)) continue;
        link.snapshot = { ...link.snapshot, ...presence };
      } else continue;
      link.boardDirty = link.presenceDirty = false;
      changed = true;
    }
    const workshop = this.workshopDirty
      ? readWorkshopDoc(this.workshopDoc, this.options.scenario.schedule)
      : this.snapshot.workshop;
    changed ||= this.workshopDirty;
    this.workshopDirty = false;
    if (!changed) return;
    this.snapshot = { groups: this.links.map((link) => link.snapshot), workshop, frameStart };
    this.listeners.forEach((listener) => listener());
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): WorkshopSnapshot => this.snapshot;

  /** The live doc of one group, for commands (feedback, instructor edits). */
  boardDoc(groupId: string): Y.Doc | undefined {
    return this.links.find((link) => link.groupId === groupId)?.doc;
  }

  destroy(): void {
    this.scheduler.destroy();
    this.listeners.clear();
    for (const link of this.links) {
      link.provider.destroy();
      link.doc.destroy();
    }
    this.workshopProvider.destroy();
    this.workshopDoc.destroy();
  }
}

/** Awareness fires on every cursor move; only a change of who is there matters here. */
function samePresence(
  a: Pick<GroupSnapshot, 'online' | 'connected' | 'synced'>,
  b: Pick<GroupSnapshot, 'online' | 'connected' | 'synced'>,
): boolean {
  return (
    a.connected === b.connected &&
    a.synced === b.synced &&
    a.online.length === b.online.length &&
    a.online.every((name, index) => name === b.online[index])
  );
}

/** ws://host or wss://host for the page's own origin. */
export function syncOrigin(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}`;
}

/**
 * What an empty member list means: nobody has joined yet (an empty board) or everyone who
 * worked on it has left. 「オフライン」 for a group that never started read like a fault.
 */
export function nobodyOnline(
  group: Pick<GroupSnapshot, 'progress'>,
): 'ins.nobody' | 'ins.allOffline' {
  return group.progress.placed > 0 ? 'ins.allOffline' : 'ins.nobody';
}
