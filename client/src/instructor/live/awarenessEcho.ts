import type { WebsocketProvider } from 'y-websocket';

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * y-websocket re-sends every awareness change it sees, including other clients' states it
 * just received. Our server accepts awareness only for the client ids a socket owns and closes
 * a socket (4003) after repeated denials, so the echo would disconnect the instructor. This
 * forwards only this client's own state. Returns the disposer (call before provider.destroy()).
 */
export function sendOwnAwarenessOnly(provider: WebsocketProvider): () => void {
  const { awareness } = provider;
  const original = provider._awarenessUpdateHandler;
  const own = (id: number) => id === awareness.clientID;
  const forward = (changes: AwarenessChanges, origin: unknown) => {
    const mine = {
      added: changes.added.filter(own),
      updated: changes.updated.filter(own),
      removed: changes.removed.filter(own),
    };
    if (mine.added.length + mine.updated.length + mine.removed.length === 0) return;
    original(mine, origin);
  };
  awareness.off('update', original);
  awareness.on('update', forward);
  return () => awareness.off('update', forward);
}
