import type WebSocket from 'ws';
import * as Y from 'yjs';
import { SyncMessageType } from '@isms/shared';
import { syncFrame } from './fuzzFrames';
import type { TestClient, TestServer } from './harness';

/**
 * A modified client's tools: updates built with the real Yjs encoder on a copy of what the
 * attacker synced, sent as plain y-websocket update frames through its own socket.
 */
export function cloneOf(doc: Y.Doc, clientID?: number): Y.Doc {
  const clone = new Y.Doc();
  Y.applyUpdate(clone, Y.encodeStateAsUpdate(doc));
  // After the copy: Yjs re-rolls its own id when a remote update carries structs of it.
  if (clientID !== undefined) clone.clientID = clientID;
  return clone;
}

/** The update `edit` makes on a copy of `base` (under a fresh client id): only the new part. */
export function forge(
  base: Y.Doc,
  edit: (doc: Y.Doc) => void,
): { update: Uint8Array; clientID: number } {
  const clone = cloneOf(base);
  const before = Y.encodeStateVector(clone);
  edit(clone);
  const update = Y.encodeStateAsUpdate(clone, before);
  const { clientID } = clone;
  clone.destroy();
  return { update, clientID };
}

export function sendUpdate(client: TestClient, update: Uint8Array): void {
  (client.provider.ws as unknown as WebSocket).send(syncFrame(SyncMessageType.update, update));
}

/** What the server stored for `docName` (snapshot and log), as a document. */
export async function storedDoc(harness: TestServer, docName: string): Promise<Y.Doc> {
  const stored = await harness.server.backends.store.load(docName);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const entry of stored.updates) Y.applyUpdate(doc, entry.update);
  return doc;
}

/** Whether any struct of client `clientID` is in `doc`. */
export function holdsClient(doc: Y.Doc, clientID: number): boolean {
  return Y.getState(doc.store, clientID) > 0;
}
