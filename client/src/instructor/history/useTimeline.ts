import { useCallback, useEffect, useState } from 'react';
import type { BoardState, HistoryVersionInfo } from '@isms/shared';
import { instructorApi } from '../api';
import { versionBoard } from '../live/versionBoards';

/**
 * A group's timeline for the history panel: the versions (reloaded on demand, e.g. after a
 * restore added two) and the board of the selected one. Selection follows the newest version
 * until the instructor picks another.
 */
export function useTimeline(token: string, workshopId: string, groupId: string) {
  const [versions, setVersions] = useState<HistoryVersionInfo[] | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [board, setBoard] = useState<{ id: number; board: BoardState } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const reply = await instructorApi.versions(token, workshopId, groupId);
      setVersions(reply.versions);
      setError(null);
      return reply.versions;
    } catch (failure) {
      setError(String((failure as Error).message || failure));
      return null;
    }
  }, [token, workshopId, groupId]);

  useEffect(() => {
    let current = true;
    instructorApi.versions(token, workshopId, groupId).then(
      (reply) => {
        if (current) setVersions(reply.versions);
      },
      (failure: unknown) => {
        if (current) setError(String((failure as Error).message || failure));
      },
    );
    return () => {
      current = false;
    };
  }, [token, workshopId, groupId]);

  const shownId = selectedId ?? versions?.at(-1)?.id ?? null;
  useEffect(() => {
    if (shownId === null) return;
    let current = true;
    versionBoard(token, workshopId, groupId, shownId).then(
      (loaded) => {
        if (current) setBoard({ id: shownId, board: loaded });
      },
      (failure: unknown) => {
        if (current) setError(String((failure as Error).message || failure));
      },
    );
    return () => {
      current = false;
    };
  }, [token, workshopId, groupId, shownId]);

  return {
    versions,
    shownId,
    /** The board of the shown version, once loaded (null while the first one loads). */
    board: board && board.id === shownId ? board.board : null,
    select: setSelectedId,
    reload,
    error,
  };
}
