import * as Y from 'yjs';
import { StoreOrigin, readBoard, type BoardState } from '@isms/shared';
import { instructorApi } from '../api';

/**
 * The board as it was at one version of its timeline, as plain data (the state layer of the
 * history panel: views never decode Yjs). Versions never change once taken, so each is fetched
 * and decoded once per page; the cache is bounded by the timeline (≤ HISTORY_MAX_VERSIONS).
 */
const boards = new Map<string, Promise<BoardState>>();

function decodeBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function versionBoard(
  token: string,
  workshopId: string,
  groupId: string,
  versionId: number,
): Promise<BoardState> {
  const key = `${workshopId}/${groupId}/${versionId}`;
  let board = boards.get(key);
  if (!board) {
    board = instructorApi.version(token, workshopId, groupId, versionId).then((reply) => {
      const doc = new Y.Doc();
      try {
        Y.applyUpdate(doc, decodeBase64(reply.state), new StoreOrigin());
        return readBoard(doc);
      } finally {
        doc.destroy();
      }
    });
    // A failed fetch is retried next time instead of being cached.
    board.catch(() => boards.delete(key));
    boards.set(key, board);
  }
  return board;
}
