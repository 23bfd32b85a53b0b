import type * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { isTerminalClose } from './closeCodes';

/** Longest wait between reconnect attempts, ms (y-websocket's default is 2.5 s; stated here). */
export const MAX_BACKOFF_MS = 2500;

export interface LiveProviderOptions {
  /** ws(s)://host/sync. */
  serverUrl: string;
  docName: string;
  doc: Y.Doc;
  token: string;
  /** Open the socket now (default) or leave it to the caller's connect(). */
  connect?: boolean;
  /** For Node (tests, load clients): a WebSocket implementation. */
  WebSocketPolyfill?: typeof WebSocket;
}

/**
 * Every screen's WebSocket provider — participant board, each group and the workshop doc of the
 * instructor console, the projector — with one policy:
 * - token in the query string (the server's upgrade reads it there);
 * - the close-code policy of closeCodes.ts: revoked (4001), expired (4002), deleted (4010),
 *   too large and policy violations end the session for good; everything else is retried.
 *   (y-websocket's default gives up only on 4400–4499 and would retry a revoked token forever.)
 * - backoff capped at MAX_BACKOFF_MS;
 * - no cross-tab BroadcastChannel: it would pass edits between tabs around the server's
 *   authorization and lock checks.
 */
export function liveProvider(options: LiveProviderOptions): WebsocketProvider {
  return new WebsocketProvider(options.serverUrl, options.docName, options.doc, {
    params: { token: options.token },
    maxBackoffTime: MAX_BACKOFF_MS,
    shouldReconnect: (event: CloseEvent) => !isTerminalClose(event.code),
    disableBc: true,
    connect: options.connect ?? true,
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
  });
}
