import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { readAuthMessage } from 'y-protocols/auth';
import { LocalOrigin, MessageType, SYNC_PATH } from '@isms/shared';
import { type TerminalReason, terminalReason } from './closeCodes';
import { liveProvider } from './liveProvider';
import { closeMeansSavingPaused, readSavingPaused } from './storeStatus';
import { EditCounter } from './editCounter';

export type ConnectionStatus = 'online' | 'connecting' | 'offline';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Local changes made since the server last confirmed a full sync (kept across reloads). */
  unsynced: number;
  /** Set when the server ended the session for good; the UI asks to re-join. */
  terminal: TerminalReason | null;
  terminalCode: number | null;
  /** The last "permission denied" reason the server sent (e.g. "locked"), if any. */
  denied: string | null;
  /** True once the board is shown from local storage or the server. */
  loaded: boolean;
  /**
   * The server cannot save right now (its database is unavailable): edits are kept here and in
   * IndexedDB and saved when it is back. Set by a `storeStatus` message or a 4004/4005 close.
   */
  savingPaused: boolean;
}

export interface ConnectionOptions {
  docName: string;
  token: string;
  doc: Y.Doc;
  /** Keep the document in IndexedDB so offline edits survive a reload. */
  persist: boolean;
  /** ws(s)://host/sync; defaults to this page's origin. */
  serverUrl?: string;
}

/**
 * Failed reconnect attempts after which the status says "offline" instead of "connecting":
 * y-websocket backs off 200 ms, 400 ms, 800 ms…, so 3 failures ≈ 1.5 s without a server.
 */
const OFFLINE_AFTER_FAILED_ATTEMPTS = 3;

function defaultServerUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}${SYNC_PATH}`;
}

const unsyncedKey = (docName: string) => `isms.unsynced.${docName}`;

/**
 * One document's link to the server: the WebSocket provider, the IndexedDB copy, and a small
 * observable state (status, unsynced changes, terminal close) for the status bar.
 */
export class Connection {
  readonly provider: WebsocketProvider;
  private readonly persistence: IndexeddbPersistence | null;
  private state: ConnectionState;
  private readonly listeners = new Set<() => void>();
  private readonly doc: Y.Doc;
  private readonly docName: string;

  constructor(options: ConnectionOptions) {
    this.doc = options.doc;
    this.docName = options.docName;
    this.state = {
      status: 'connecting',
      unsynced: this.readUnsynced(),
      terminal: null,
      terminalCode: null,
      denied: null,
      loaded: false,
      savingPaused: false,
    };
    this.persistence = options.persist
      ? new IndexeddbPersistence(`isms:${options.docName}`, options.doc)
      : null;
    this.persistence?.on('synced', () => this.patch({ loaded: true }));
    this.provider = liveProvider({
      serverUrl: options.serverUrl ?? defaultServerUrl(),
      docName: options.docName,
      doc: options.doc,
      token: options.token,
      // Connects on the next task (below), not in the constructor.
      connect: false,
    });
    this.provider.messageHandlers[MessageType.auth] = (_encoder, decoder) =>
      readAuthMessage(decoder, this.doc, (_doc, reason) => this.patch({ denied: reason }));
    this.provider.messageHandlers[MessageType.storeStatus] = (_encoder, decoder) =>
      this.patch({ savingPaused: readSavingPaused(decoder) });
    this.provider.on('status', this.refreshStatus);
    this.provider.on('status', this.onSocketStatus);
    this.provider.on('sync', this.onSync);
    this.provider.on('closed', this.onClosed);
    this.provider.on('connection-close', this.onSocketClose);
    this.doc.on('update', this.onUpdate);
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    // A connection created and destroyed in the same task (React StrictMode mounts effects
    // twice in development) never opens a socket. Without a network, the browser's "online"
    // event connects instead of attempts that can only fail.
    this.startTimer = window.setTimeout(() => {
      if (navigator.onLine) this.provider.connect();
    }, 0);
    this.refreshStatus();
  }

  private readonly startTimer: number;

  /**
   * The device lost its network: drop the socket now (a dead socket would otherwise look
   * connected until the 30-s watchdog) so the status and the unsynced counter are honest.
   */
  private readonly onOffline = () => {
    this.provider.disconnect();
    this.refreshStatus();
  };

  private readonly onOnline = () => {
    if (!this.state.terminal) this.provider.connect();
    this.refreshStatus();
  };

  readonly getSnapshot = (): ConnectionState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private patch(change: Partial<ConnectionState>) {
    const next = { ...this.state, ...change };
    const keys = Object.keys(change) as (keyof ConnectionState)[];
    if (keys.every((key) => next[key] === this.state[key])) return;
    this.state = next;
    this.listeners.forEach((listener) => listener());
  }

  private readonly refreshStatus = () => {
    const provider = this.provider;
    let status: ConnectionStatus;
    if (provider.wsconnected && provider.synced) status = 'online';
    else if (
      !navigator.onLine ||
      this.state.terminal ||
      provider.wsUnsuccessfulReconnects >= OFFLINE_AFTER_FAILED_ATTEMPTS
    ) {
      status = 'offline';
    } else status = 'connecting';
    this.patch({ status });
  };

  private readonly onSync = (synced: boolean) => {
    if (synced) {
      // Sync step 2 went both ways: the server has every local change made while away.
      this.writeUnsynced(0);
      this.edits.reset();
      this.patch({ loaded: true, unsynced: 0 });
    }
    this.refreshStatus();
  };

  /** A new socket starts fresh: the server says "paused" right after opening if it still is. */
  private readonly onSocketStatus = (event: { status: string }) => {
    if (event.status === 'connected') this.patch({ savingPaused: false });
  };

  private readonly onSocketClose = (event: CloseEvent | null) => {
    if (event && closeMeansSavingPaused(event.code)) this.patch({ savingPaused: true });
  };

  private readonly onClosed = (event: { code: number }) => {
    this.patch({ terminal: terminalReason(event.code), terminalCode: event.code });
    this.refreshStatus();
  };

  /**
   * Counts a local edit the server has not received yet (sent only when online+synced);
   * consecutive keystrokes in one note are one edit (EditCounter).
   */
  private readonly onUpdate = (
    _update: Uint8Array,
    origin: unknown,
    _doc: Y.Doc,
    transaction: Y.Transaction,
  ) => {
    const local = origin instanceof LocalOrigin || origin instanceof Y.UndoManager;
    if (!local || (this.provider.wsconnected && this.provider.synced)) return;
    if (!this.edits.startsEdit(transaction)) return;
    const unsynced = this.state.unsynced + 1;
    this.writeUnsynced(unsynced);
    this.patch({ unsynced });
  };

  private readonly edits = new EditCounter();

  private readUnsynced(): number {
    try {
      return Number(localStorage.getItem(unsyncedKey(this.docName))) || 0;
    } catch {
      return 0;
    }
  }

  private writeUnsynced(count: number) {
    try {
      if (count === 0) localStorage.removeItem(unsyncedKey(this.docName));
      else localStorage.setItem(unsyncedKey(this.docName), String(count));
    } catch {
      // Storage refused: the counter still works for this page.
    }
  }

  destroy(): void {
    window.clearTimeout(this.startTimer);
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    this.doc.off('update', this.onUpdate);
    this.provider.off('status', this.refreshStatus);
    this.provider.off('status', this.onSocketStatus);
    this.provider.off('sync', this.onSync);
    this.provider.off('closed', this.onClosed);
    this.provider.off('connection-close', this.onSocketClose);
    this.provider.destroy();
    void this.persistence?.destroy();
    this.listeners.clear();
  }
}
